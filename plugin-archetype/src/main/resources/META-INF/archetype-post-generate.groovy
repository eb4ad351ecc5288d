// Runs after the project is generated: with -DwithTarget=false the target's classes go, the
// project keeps the match alone (its test, pom and README say so through #if in their templates).
import java.nio.file.Files
import java.nio.file.Path

String withTarget = request.properties.get('withTarget')
if (withTarget != 'true' && withTarget != 'false') {
    throw new IllegalArgumentException("withTarget must be true or false, not \"${withTarget}\"")
}
if (withTarget == 'false') {
    Path sources = Path.of(request.outputDirectory, request.artifactId, 'src', 'main', 'java')
            .resolve(request.package.replace('.', File.separator))
    ['TagTarget.java', 'TagTargetBuilder.java', 'TagTargetExtension.java'].each { name ->
        Files.delete(sources.resolve(name))
    }
}
