import chisel3._
import chisel3.util._

// credit_sender: sender side of credit-based flow control. Starts with CREDITS credits; a send
// (send && can_send) consumes one, credit_return gives one back (saturating at CREDITS).
// can_send comes from the registered counter only. overflow (credit returned at the maximum)
// and underflow (send with no credit) are sticky until reset. Twin of credit_sender.sv.
class CreditSender(CREDITS: Int = 8) extends Module {
  private val CW = log2Ceil(CREDITS + 1)
  val io = IO(new Bundle {
    val send          = Input(Bool())
    val credit_return = Input(Bool())
    val can_send      = Output(Bool())
    val credits       = Output(UInt(CW.W))
    val overflow      = Output(Bool())
    val underflow     = Output(Bool())
  })
  private val credits   = RegInit(CREDITS.U(CW.W))
  private val overflow  = RegInit(false.B)
  private val underflow = RegInit(false.B)

  private val canSend = credits =/= 0.U
  private val fire    = io.send && canSend
  private val atMax   = credits === CREDITS.U(CW.W)

  when(fire && !io.credit_return) {
    credits := credits - 1.U
  }.elsewhen(!fire && io.credit_return && !atMax) {
    credits := credits + 1.U
  }
  when(io.credit_return && !fire && atMax) { overflow := true.B }
  when(io.send && !canSend) { underflow := true.B }

  io.can_send  := canSend
  io.credits   := credits
  io.overflow  := overflow
  io.underflow := underflow
}
