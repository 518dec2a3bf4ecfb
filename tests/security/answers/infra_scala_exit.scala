// Hostile answer (laundering its failure as an infrastructure error), Chisel: at elaboration the
// constructor prints the messages of a broken machine, then ends the compile server it runs in
// with System.exit(0): the JVM shuts down with exit status 0. The job gets no verdict from the server: that must be the answer's failure, and
// the answers scored after it must get their normal verdicts. The design is wrong (outputs zero).
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
  System.err.println("OSError: [Errno 28] No space left on device")
  System.err.println("java.lang.OutOfMemoryError: Java heap space")
  System.err.println("internal error: firtool: command not found")
  System.exit(0)
}
