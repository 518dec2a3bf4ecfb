import chisel3._

// Saturating signed adder: the exact WIDTH+1-bit sum, clamped to the WIDTH-bit range.
class SatAdd(WIDTH: Int = 8) extends Module {
  val io = IO(new Bundle {
    val a        = Input(SInt(WIDTH.W))
    val b        = Input(SInt(WIDTH.W))
    val sum      = Output(SInt(WIDTH.W))
    val overflow = Output(Bool())
  })
  private val max   = ((BigInt(1) << (WIDTH - 1)) - 1).S((WIDTH + 1).W)
  private val min   = (-(BigInt(1) << (WIDTH - 1))).S((WIDTH + 1).W)
  private val exact = io.a +& io.b
  private val high  = exact > max
  private val low   = exact < min
  io.overflow := high || low
  io.sum      := Mux(high, max, Mux(low, min, exact))(WIDTH - 1, 0).asSInt
}
