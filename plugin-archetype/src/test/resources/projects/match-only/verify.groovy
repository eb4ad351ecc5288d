// -DwithTarget=false: the match alone; the target's classes are gone, the tests (run by goal.txt's
// verify) are the match's four, and the jar indexes the match extension only.
import java.util.jar.JarFile

// basedir is this folder; the project was generated in project/ARTIFACT_ID and built there

def project = new File(basedir, 'project/bigpayload-match')
def sources = new File(project, 'src/main/java/com/example/firewall/bigpayload')
assert new File(sources, 'PayloadMatchExtension.java').isFile()
['TagTarget.java', 'TagTargetBuilder.java', 'TagTargetExtension.java'].each {
    assert !new File(sources, it).exists() : "$it was generated"
}
def report = new File(project, 'target/surefire-reports/TEST-com.example.firewall.bigpayload.PluginTest.xml').text
assert report.contains('tests="4"') : report.readLines().take(3)
assert !new File(project, 'README.md').text.contains('TAG') && !new File(project, 'README.md').text.contains('--tag')
new JarFile(new File(project, 'target/bigpayload-match-1.0.0.jar')).withCloseable { jar ->
    def index = jar.getInputStream(jar.getEntry('META-INF/extensions.idx')).text
    assert index.contains('com.example.firewall.bigpayload.PayloadMatchExtension')
    assert !index.contains('TagTarget') : index
}
true
