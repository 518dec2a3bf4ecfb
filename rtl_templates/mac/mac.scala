import chisel3._

// mac: signed multiply-accumulate with enable and clear; the accumulator wraps modulo
// 2**ACC_WIDTH. The Chisel twin of mac.sv (same ports as io fields, reset active high inside).
class Mac(A_WIDTH: Int = 8, B_WIDTH: Int = 8, ACC_WIDTH: Int = 32) extends Module {
  val io = IO(new Bundle {
    val en    = Input(Bool())
    val clear = Input(Bool())
    val a     = Input(SInt(A_WIDTH.W))
    val b     = Input(SInt(B_WIDTH.W))
    val acc   = Output(SInt(ACC_WIDTH.W))
  })
  private val acc = RegInit(0.S(ACC_WIDTH.W))
  // Sign-extend the exact product to at least ACC_WIDTH bits, then keep the low ACC_WIDTH bits.
  private val product = (io.a * io.b).pad(ACC_WIDTH)
  private val addend  = product(ACC_WIDTH - 1, 0).asSInt
  private val base    = Mux(io.clear, 0.S(ACC_WIDTH.W), acc)
  when(io.en) {
    acc := (base + addend)(ACC_WIDTH - 1, 0).asSInt
  }.elsewhen(io.clear) {
    acc := 0.S
  }
  io.acc := acc
}
