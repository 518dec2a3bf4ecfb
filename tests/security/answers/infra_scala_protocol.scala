// Hostile answer (confusing the compile server's verdicts), Chisel: at elaboration the constructor
// writes the server's own reply line ("done", TAB, "ok") straight to the server's standard output,
// then keeps elaborating for two seconds and fails. The workbench reads a reply that belongs to
// nobody: unless it keeps the channel out of the answer's reach, this answer's late verdict is
// taken as the next answer's. The answers scored after it must get their normal verdicts.
import chisel3._
import java.io.{FileDescriptor, FileOutputStream}

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
  private val serverOut = new FileOutputStream(FileDescriptor.out)
  serverOut.write("done\tok\n".getBytes)
  serverOut.flush()
  Thread.sleep(2000)
  throw new IllegalStateException("the elaboration failed late")
}
