import chisel3._
import chisel3.util._

// Token-bucket rate limiter: a bucket of up to DEPTH tokens gains one token every RATE cycles;
// a request for 1..4 tokens is granted in the same cycle only if the bucket already holds them.
class TokenBucket(DEPTH: Int = 15, RATE: Int = 4) extends Module {
  require(RATE >= 2, "RATE must be at least 2")
  private val TW = log2Ceil(DEPTH + 1)
  val io = IO(new Bundle {
    val req        = Input(Bool())
    val req_tokens = Input(UInt(3.W))
    val grant      = Output(Bool())
    val tokens     = Output(UInt(TW.W))
  })
  private val tokens = RegInit(DEPTH.U(TW.W))
  private val phase  = RegInit(0.U(log2Ceil(RATE).W))

  // The refill timer runs freely; every RATE-th edge adds one token.
  private val refill = phase === (RATE - 1).U
  phase := Mux(refill, 0.U, phase + 1.U)

  private val sizeOk = io.req_tokens >= 1.U && io.req_tokens <= 4.U
  io.grant := io.req && sizeOk && io.req_tokens <= tokens

  // Consume first (a grant never underflows), then add the refill token, then clamp to DEPTH.
  private val consumed = Mux(io.grant, io.req_tokens, 0.U)
  private val after    = (tokens -& consumed) +& refill
  tokens := Mux(after > DEPTH.U, DEPTH.U, after)

  io.tokens := tokens
}
