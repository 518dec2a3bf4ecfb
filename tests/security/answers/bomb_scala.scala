// Hostile answer (fork bomb), Chisel: at elaboration the constructor starts processes in a loop,
// carrying on when starting one fails: shells that each start 50 more shells in the background,
// every one sleeping for minutes. Then it blocks until the time limit. It stops at 30 x 51 shells
// (about 3000 processes with their sleeps), which is enough to show whether a process limit holds
// and small enough not to take a machine without one down.
import chisel3._

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
  private var started, refused = 0
  private val fanOut = "for i in $(seq 50); do sh -c 'sleep 300; : @MARK@' & done; sleep 300; : @MARK@"
  while (started < 30 && refused < 100000) {
    try { new ProcessBuilder("sh", "-c", fanOut).start(); started += 1 }
    catch { case _: Exception => refused += 1 }
  }
  println(s"started $started, refused $refused")
  while (true) Thread.sleep(1000)
}
