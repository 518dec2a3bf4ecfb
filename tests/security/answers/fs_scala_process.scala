// Hostile answer (writing outside the work folder), Chisel: at elaboration the constructor starts
// a shell with scala.sys.process and lets it write the files.
// Targets: the canary folder of HOME, the task folder, the cache folder, /tmp, an existing canary
// file (appended). The design itself is wrong (outputs zero).
import chisel3._
import scala.sys.process._

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
  private val status =
    try Seq("sh", "-c", "touch @HOME_DIR@/pwned-@MARK@ @TASK_DIR@/pwned-@MARK@ @CACHE_DIR@/pwned-@MARK@ " +
      "/tmp/pwned-@MARK@; echo pwned-@MARK@ >> @HOME_FILE@").!
    catch { case failure: Exception => println(s"process refused: $failure"); -1 }
  println(s"shell exit status $status")
}
