// Hostile answer (outliving its scoring), Chisel: at elaboration the constructor starts a shell in
// a session of its own (setsid -f) that writes a marker file into the answer's folder 3 seconds
// later, and a plain child process (ProcessBuilder) that sleeps for minutes inside the compile
// server's own process group. The design itself is wrong (outputs zero).
import chisel3._
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
  // This answer's own folder: the one whose Design.scala holds this very text.
  private val folder: Path =
    try Files.walk(Paths.get("@WORKDIR@")).iterator.asScala
      .find(p => p.getFileName.toString == "Design.scala" && new String(Files.readAllBytes(p)).contains("@MARK@"))
      .map(_.getParent.getParent).getOrElse(Paths.get("").toAbsolutePath)
    catch { case _: Exception => Paths.get("").toAbsolutePath }
  try new java.lang.ProcessBuilder("setsid", "-f", "sh", "-c", s"sleep 3; echo late > '$folder/late-@MARK@'; sleep 60; : @MARK@")
    .redirectInput(Redirect.from(new java.io.File("/dev/null"))).redirectOutput(Redirect.DISCARD)
    .redirectError(Redirect.DISCARD).start().waitFor()
  catch { case failure: Exception => println(s"setsid refused: $failure") }
  try new java.lang.ProcessBuilder("sh", "-c", "sleep 300; : @MARK@").redirectOutput(Redirect.DISCARD)
    .redirectError(Redirect.DISCARD).start()
  catch { case failure: Exception => println(s"child refused: $failure") }
}
