// Both runs passed every test, each with its own JUnit version, and the extension brought no database.
def currentJunit = (new File(basedir, 'pom.xml').text =~ /<junit.version>([^<]+)<\/junit.version>/)[0][1]
[old: '5.10.3', current: currentJunit, '6': '6.1.3'].each { run, junit ->
    def report = new File(basedir, "target/reports-junit-${run}/TEST-example.BotTest.xml")
    assert report.isFile() : "no test report for the ${run} JUnit run: ${report}"
    def suite = (report.text =~ /<testsuite [^>]*>/)[0]
    def count = { name -> (suite =~ / ${name}="(\d+)"/)[0][1].toInteger() }
    assert count('tests') >= 3 : "too few tests ran with JUnit ${junit}: ${suite}"
    assert count('failures') == 0 && count('errors') == 0 && count('skipped') == 0 : suite

    def tree = new File(basedir, "target/tree-junit-${run}.txt").text
    assert tree.contains('dev.kosmirecorder:kosmi-recorder-junit5:jar:') : tree
    def apis = (tree =~ /org\.junit\.jupiter:junit-jupiter-api:jar:([^:]+):/).collect { it[1] } as Set
    assert apis == [junit] as Set : "the ${run} run should resolve junit-jupiter-api ${junit} only, got ${apis}:\n${tree}"
    ['com.h2database', 'org.flywaydb'].each { banned ->
        assert !tree.contains(banned) : "${banned} is on the user's test classpath:\n${tree}"
    }
}
return true
