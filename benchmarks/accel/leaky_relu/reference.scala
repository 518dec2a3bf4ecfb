import chisel3._

// Leaky ReLU with a power-of-two negative slope: y = x for x >= 0, else x >> shift
// (arithmetic shift, so negative results round toward minus infinity).
class LeakyRelu(WIDTH: Int = 16) extends Module {
  val io = IO(new Bundle {
    val x     = Input(SInt(WIDTH.W))
    val shift = Input(UInt(3.W))
    val y     = Output(SInt(WIDTH.W))
  })
  io.y := Mux(io.x < 0.S, io.x >> io.shift, io.x)
}
