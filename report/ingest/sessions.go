package ingest

import "sort"

// span is one session: the times of its first and last event, unix ms.
type span struct{ from, to int64 }

// addSpan adds s to a learner's sessions ss and returns them, keeping the
// invariant that makes the result exact whatever order events arrive in:
// ss is sorted, and consecutive sessions are more than gap apart. A new
// event (or a session from another file) joins every session it comes
// within gap of, which may bridge two; otherwise it starts one.
//
// Tracking logs are daily files of roughly time-ordered events, so almost
// every call extends or follows the last session: O(1). Out-of-order
// events cost a binary search and, rarely, a copy. Memory is one span per
// session, not per event, so it grows with learners × active periods.
func addSpan(ss []span, s span, gap int64) []span {
	n := len(ss)
	if n == 0 || s.from > ss[n-1].to+gap {
		return append(ss, s)
	}
	if s.from >= ss[n-1].from-gap {
		// the common case: it touches the last session only...
		if n == 1 || s.from > ss[n-2].to+gap {
			ss[n-1].from = min(ss[n-1].from, s.from)
			ss[n-1].to = max(ss[n-1].to, s.to)
			return ss
		}
	}
	// i: first session that ends within gap before s starts or later;
	// j: first session that starts more than gap after s ends.
	i := sort.Search(n, func(k int) bool { return ss[k].to+gap >= s.from })
	j := sort.Search(n, func(k int) bool { return ss[k].from-gap > s.to })
	if i == j {
		ss = append(ss, span{})
		copy(ss[i+1:], ss[i:])
		ss[i] = s
		return ss
	}
	merged := span{min(ss[i].from, s.from), max(ss[j-1].to, s.to)}
	ss[i] = merged
	return append(ss[:i+1], ss[j:]...)
}
