// The default (withTarget=true): the match and the target, six tests, both extensions in the jar's index.
import java.util.jar.JarFile

// basedir is this folder; the project was generated in project/ARTIFACT_ID and built there

def project = new File(basedir, 'project/payload-plugin')
def sources = new File(project, 'src/main/java/com/example/firewall/payload')
['PayloadMatchExtension.java', 'TagTarget.java', 'TagTargetBuilder.java', 'TagTargetExtension.java'].each {
    assert new File(sources, it).isFile() : "$it is missing"
}
def report = new File(project, 'target/surefire-reports/TEST-com.example.firewall.payload.PluginTest.xml').text
assert report.contains('tests="6"') : report.readLines().take(3)
new JarFile(new File(project, 'target/payload-plugin-1.0.0.jar')).withCloseable { jar ->
    def index = jar.getInputStream(jar.getEntry('META-INF/extensions.idx')).text
    assert index.contains('com.example.firewall.payload.PayloadMatchExtension')
    assert index.contains('com.example.firewall.payload.TagTargetExtension') : index
}
true
