import chisel3._
import chisel3.util._

// Sender-side credit counter: starts at MAX_CREDITS, an accepted send takes a credit, a returned
// credit gives one back, and a return beyond MAX_CREDITS saturates and sets a sticky error flag.
class CreditCounter(MAX_CREDITS: Int = 8) extends Module {
  private val CW = log2Ceil(MAX_CREDITS + 1)
  val io = IO(new Bundle {
    val send          = Input(Bool())
    val credit_return = Input(Bool())
    val credits       = Output(UInt(CW.W))
    val can_send      = Output(Bool())
    val error         = Output(Bool())
  })
  private val credits = RegInit(MAX_CREDITS.U(CW.W))
  private val error   = RegInit(false.B)

  io.can_send := credits =/= 0.U
  private val accepted = io.send && io.can_send

  when(accepted && !io.credit_return) {
    credits := credits - 1.U
  }.elsewhen(io.credit_return && !accepted) {
    when(credits === MAX_CREDITS.U) {
      error := true.B // excess return: the count saturates
    }.otherwise {
      credits := credits + 1.U
    }
  }

  io.credits := credits
  io.error   := error
}
