// Hostile answer (network), Chisel: at elaboration the constructor opens a TCP connection to a
// port on 127.0.0.1 (where the test listens) and sends a line; a failure does not stop it. The
// design itself is wrong (outputs zero).
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
  try {
    val socket = new java.net.Socket("127.0.0.1", @PORT@)
    socket.getOutputStream.write("@MARK@\n".getBytes)
    socket.close()
    println("connected")
  } catch { case failure: Exception => println(s"connect: $failure") }
}
