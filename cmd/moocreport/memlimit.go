package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// heapBudget is the heap moocreport keeps under while its live data is
// well inside it: Go's collector otherwise lets the heap grow to twice
// the live data before collecting, and reading a large course (a million
// events: about 125 MB live at most) then peaks near 260 MB resident,
// where about 210 MB suffices at the cost of a few more collections.
const heapBudget = 192 << 20

// budgetGCPercent is the collector's GOGC while the heap budget holds:
// the budget, not the live heap's double, is then what bounds the heap, so
// a build whose live data are a fraction of it (the example: a rebuild's
// few tens of MB) need not collect every few MB. At Go's default of 100, a
// rebuild of the example spent about a sixth of its time collecting.
const budgetGCPercent = 400

// limitMemory sets the heap budget as Go's soft memory limit, with the
// collector's GOGC at budgetGCPercent, unless the user set GOMEMLIMIT (or
// GOGC, which is then left as set). The budget is lifted for good once the
// live heap passes three quarters of it, and GOGC goes back to Go's
// default: a study too large for it would otherwise collect almost
// continuously (see liftLimit).
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(heapBudget)
	gogc := os.Getenv("GOGC") == ""
	if gogc {
		debug.SetGCPercent(budgetGCPercent)
	}
	watchLiveHeap(gogc)
}

// liftLimit reports whether a live heap of live bytes is too close to the
// budget to keep it.
func liftLimit(live uint64) bool { return live > heapBudget/4*3 }

// watchLiveHeap checks the live heap after each collection (a finalizer
// on an object made for each cycle runs once the collector has found it
// unreachable) and lifts the budget when liftLimit says so, and GOGC with
// it when gogc says limitMemory set it.
func watchLiveHeap(gogc bool) {
	runtime.SetFinalizer(new([16]byte), func(*[16]byte) {
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(s)
		if s[0].Value.Kind() == metrics.KindUint64 && liftLimit(s[0].Value.Uint64()) {
			if gogc {
				debug.SetGCPercent(100)
			}
			debug.SetMemoryLimit(math.MaxInt64)
			return
		}
		watchLiveHeap(gogc)
	})
}
