import chisel3._
import chisel3.util._

// rr_arbiter: N-requester round-robin arbiter with a one-hot combinational grant. The first
// requester at or after the priority pointer (wrapping) wins; a consumed grant (ack with a valid
// grant) moves the pointer just past the winner. The Chisel twin of rr_arbiter.sv.
class RrArbiter(N: Int = 4) extends Module {
  private val IW = log2Ceil(N)
  val io = IO(new Bundle {
    val req         = Input(UInt(N.W))
    val ack         = Input(Bool())
    val grant       = Output(UInt(N.W))
    val grant_valid = Output(Bool())
    val grant_idx   = Output(UInt(IW.W))
  })
  private val prio = RegInit(0.U(IW.W)) // index of the highest-priority requester

  private val allOnes = ((BigInt(1) << N) - 1).U(N.W)
  private val upper   = io.req & (allOnes << prio)(N - 1, 0) // requesters at or after the pointer
  private val pick    = Mux(upper.orR, upper, io.req)       // otherwise wrap around
  private val grant   = pick & (~pick + 1.U)(N - 1, 0)      // lowest set bit
  private val valid   = io.req.orR

  // Index of the granted requester, 0 when there is none.
  private val idx = WireDefault(0.U(IW.W))
  for (i <- 0 until N) {
    when(grant(i)) { idx := i.U(IW.W) }
  }

  when(io.ack && valid) {
    prio := Mux(idx === (N - 1).U(IW.W), 0.U(IW.W), idx + 1.U)
  }

  io.grant       := grant
  io.grant_valid := valid
  io.grant_idx   := idx
}
