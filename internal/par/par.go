// Package par runs independent pieces of work a few at a time.
package par

import "sync"

// Each calls f(0), …, f(n−1), at most workers at once, and returns the
// error of the lowest i whose call failed, so the error reported does not
// depend on which call finished first. Every call runs, failed or not.
func Each(n, workers int, f func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				errs[i] = f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
