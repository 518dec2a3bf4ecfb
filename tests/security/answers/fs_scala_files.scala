// Hostile answer (writing outside the work folder), Chisel: the module's constructor runs at
// elaboration, inside the compile server, and writes files with java.nio.file.Files.
// Targets: the canary folder of HOME, the task folder, the cache folder, /tmp, an existing canary
// file (appended). The design itself is wrong (outputs zero).
import chisel3._
import java.nio.charset.StandardCharsets.UTF_8
import java.nio.file.{Files, Paths, StandardOpenOption}

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
  private val payload = "pwned-@MARK@\n".getBytes(UTF_8)
  for (path <- Seq("@HOME_DIR@/pwned-@MARK@", "@TASK_DIR@/pwned-@MARK@", "@CACHE_DIR@/pwned-@MARK@",
                   "/tmp/pwned-@MARK@")) {
    try Files.write(Paths.get(path), payload)
    catch { case failure: Exception => println(s"write refused: $failure") }
  }
  try Files.write(Paths.get("@HOME_FILE@"), payload, StandardOpenOption.APPEND)
  catch { case failure: Exception => println(s"append refused: $failure") }
}
