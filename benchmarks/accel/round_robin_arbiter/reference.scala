import chisel3._
import chisel3.util._

// Round-robin arbiter for N requesters: a one-hot grant chosen combinationally, searching from
// the priority pointer upward with wrap-around; the pointer moves to the winner plus one.
class RoundRobinArbiter(N: Int = 4) extends Module {
  require(N >= 2, "N must be at least 2")
  private val PW = log2Ceil(N)
  val io = IO(new Bundle {
    val req   = Input(UInt(N.W))
    val grant = Output(UInt(N.W))
  })
  private val ptr = RegInit(0.U(PW.W))

  // Requests at or above the pointer take precedence; if there are none, the search wraps
  // around to the lowest-numbered request.
  private val atOrAbove = VecInit((0 until N).map(i => i.U >= ptr)).asUInt
  private val upper     = io.req & atOrAbove
  private val found     = io.req.orR
  private val winner    = Mux(upper.orR, PriorityEncoder(upper), PriorityEncoder(io.req))

  io.grant := Mux(found, UIntToOH(winner, N), 0.U)

  when(found) {
    ptr := Mux(winner === (N - 1).U, 0.U, winner + 1.U)
  }
}
