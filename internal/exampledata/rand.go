package exampledata

import (
	"hash/fnv"
	"math"
	"math/rand/v2"
)

// newRand returns a generator for one named stream of the seed. Each concept
// (a course's population, its activity, its surveys) draws from its own
// stream, so tuning one of them leaves the others' output unchanged.
func newRand(seed uint64, stream string) *rand.Rand {
	h := fnv.New64a()
	h.Write([]byte(stream))
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// pick returns a uniformly chosen element of xs.
func pick[T any](r *rand.Rand, xs []T) T {
	return xs[r.IntN(len(xs))]
}

// weighted returns an index into w, chosen with probability proportional to
// its weight.
func weighted(r *rand.Rand, w []float64) int {
	total := 0.0
	for _, x := range w {
		total += x
	}
	u := r.Float64() * total
	for i, x := range w {
		if u < x {
			return i
		}
		u -= x
	}
	return len(w) - 1
}

// choice is a label with a weight, for the many categorical draws.
type choice struct {
	label  string
	weight float64
}

// draw returns the label of a weighted choice.
func draw(r *rand.Rand, cs []choice) string {
	w := make([]float64, len(cs))
	for i, c := range cs {
		w[i] = c.weight
	}
	return cs[weighted(r, w)].label
}

// poisson draws from a Poisson distribution (Knuth's method: the means used
// here are small).
func poisson(r *rand.Rand, mean float64) int {
	l := math.Exp(-mean)
	k, p := 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// clamp limits x to [lo, hi].
func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }

const hexDigits = "0123456789abcdef"

// hexID returns n random lower-case hex digits, the shape of edX block,
// session and forum ids.
func hexID(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = hexDigits[r.IntN(16)]
	}
	return string(b)
}
