import chisel3._
import chisel3.util._

// Sequential unsigned restoring divider: one quotient bit per cycle, WIDTH cycles per division,
// a one-cycle done pulse, and results held until the next accepted start. A zero divisor yields
// an all-ones quotient and remainder = dividend, with div_by_zero set.
class SeqDivider(WIDTH: Int = 16) extends Module {
  val io = IO(new Bundle {
    val start       = Input(Bool())
    val dividend    = Input(UInt(WIDTH.W))
    val divisor     = Input(UInt(WIDTH.W))
    val busy        = Output(Bool())
    val done        = Output(Bool())
    val quotient    = Output(UInt(WIDTH.W))
    val remainder   = Output(UInt(WIDTH.W))
    val div_by_zero = Output(Bool())
  })
  private val busy      = RegInit(false.B)
  private val done      = RegInit(false.B)
  private val quotient  = RegInit(0.U(WIDTH.W))
  private val remainder = RegInit(0.U(WIDTH.W))
  private val divByZero = RegInit(false.B)

  // Working state of the division in progress.
  private val divisor  = RegInit(0.U(WIDTH.W))
  private val partial  = RegInit(0.U(WIDTH.W)) // partial remainder
  private val bits     = RegInit(0.U(WIDTH.W)) // dividend bits still to bring down, quotient bits shifted in
  private val zeroDiv  = RegInit(false.B)
  private val step     = RegInit(0.U(log2Ceil(WIDTH).W))

  // One restoring step: bring down the next dividend bit, try to subtract the divisor, and keep
  // the difference only when it does not borrow. With a zero divisor every trial fits, which
  // gives the all-ones quotient and leaves the dividend as the remainder.
  private val shifted     = Cat(partial, bits(WIDTH - 1))  // WIDTH+1 bits
  private val fits        = shifted >= divisor
  private val nextPartial = Mux(fits, shifted - divisor, shifted)(WIDTH - 1, 0)
  private val nextBits    = Cat(bits(WIDTH - 2, 0), fits)

  when(busy) {
    partial := nextPartial
    bits    := nextBits
    step    := step + 1.U
    when(step === (WIDTH - 1).U) {
      busy      := false.B
      done      := true.B
      quotient  := nextBits
      remainder := nextPartial
      divByZero := zeroDiv
    }
  }.otherwise {
    done := false.B
    when(io.start) {
      busy    := true.B
      divisor := io.divisor
      partial := 0.U
      bits    := io.dividend
      zeroDiv := io.divisor === 0.U
      step    := 0.U
    }
  }

  io.busy        := busy
  io.done        := done
  io.quotient    := quotient
  io.remainder   := remainder
  io.div_by_zero := divByZero
}
