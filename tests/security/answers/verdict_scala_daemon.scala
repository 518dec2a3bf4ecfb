// Hostile answer (forging a pass), Chisel: at elaboration, before its own simulation, the
// constructor leaves a shell running in a session of its own that watches the answer's folder and
// replaces cocotb's results file, as soon as it appears, by one in which all five tests of the
// task passed. The design itself is wrong (outputs zero).
import chisel3._
import java.nio.charset.StandardCharsets.UTF_8
import java.nio.file.{Files, Path, Paths}
import java.lang.ProcessBuilder.Redirect
import scala.jdk.CollectionConverters._

class EdgeDetector extends Module {
  val io = IO(new Bundle {
    val din      = Input(Bool())
    val rise     = Output(Bool())
    val fall     = Output(Bool())
    val any_edge = Output(Bool())
  })
  io.rise     := false.B
  io.fall     := false.B
  io.any_edge := false.B

  println("HOSTILE-" + "RAN-@MARK@")
  // This answer's folder: the one whose chisel/src/Design.scala holds this very text.
  private val folder: Path =
    try Files.walk(Paths.get("@WORKDIR@")).iterator.asScala
      .find(p => p.getFileName.toString == "Design.scala" && new String(Files.readAllBytes(p)).contains("@MARK@"))
      .map(_.getParent.getParent.getParent).getOrElse(Paths.get("").toAbsolutePath)
    catch { case _: Exception => Paths.get("").toAbsolutePath }
  private val names = Seq("reset_with_input_high", "reset_with_input_low", "toggling_and_runs", "reset_mid_run",
                          "random_input")
  private val forged = "<testsuites name='results'><testsuite name='all' package='all'>" +
    names.map(name => s"<testcase name='$name' classname='test_edge_detector' time='0.1'/>").mkString +
    "</testsuite></testsuites>\n<!-- forged -->\n"
  try {
    Files.write(folder.resolve("forged.xml"), forged.getBytes(UTF_8))
    val watch = s"cd '$folder' && for i in $$(seq 3000); do if [ -f results.xml ] && ! grep -q forged results.xml; " +
      "then cp forged.xml results.xml; fi; sleep 0.01; done; : @MARK@"
    new java.lang.ProcessBuilder("setsid", "-f", "sh", "-c", watch).redirectInput(Redirect.from(new java.io.File("/dev/null")))
      .redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD).start().waitFor()
  } catch { case failure: Exception => println(s"refused: $failure") }
}
