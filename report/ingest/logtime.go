package ingest

import "time"

// parseTime reads edX's ISO 8601 timestamps, with or without fractional
// seconds, with an offset (normalised to UTC) or, as some old logs have,
// without one (taken as UTC, the time zone edX logs in), and returns unix
// milliseconds.
//
// The shape edX writes, 2026-03-02T10:15:30.123456+00:00, is read by hand
// (fastTime): time.Parse costs more than scanning the rest of the line.
// Anything else goes to time.Parse, so the hand-written path only ever
// accepts what time.Parse accepts, with the same result (FuzzParseTime).
func parseTime(s []byte) (int64, bool) {
	if ms, ok := fastTime(s); ok {
		return ms, true
	}
	if t, err := time.Parse(time.RFC3339Nano, string(s)); err == nil {
		return t.UnixMilli(), true
	}
	if t, err := time.Parse("2006-01-02T15:04:05.999999999", string(s)); err == nil {
		return t.UnixMilli(), true
	}
	return 0, false
}

// fastTime reads YYYY-MM-DDTHH:MM:SS, then optionally 1–9 fractional
// digits, then "+00:00", "Z" or nothing; false for anything else, including
// dates time.Parse would accept in another shape.
func fastTime(s []byte) (int64, bool) {
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return 0, false
	}
	year, ok1 := digits(s[0:4])
	month, ok2 := digits(s[5:7])
	day, ok3 := digits(s[8:10])
	hour, ok4 := digits(s[11:13])
	minute, ok5 := digits(s[14:16])
	sec, ok6 := digits(s[17:19])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(month, year) || hour > 23 || minute > 59 || sec > 59 {
		return 0, false
	}
	rest := s[19:]
	ms := 0
	if len(rest) > 0 && rest[0] == '.' {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 1 || n > 10 {
			return 0, false
		}
		for i := 1; i <= 3; i++ {
			ms *= 10
			if i < n {
				ms += int(rest[i] - '0')
			}
		}
		rest = rest[n:]
	}
	if len(rest) != 0 && string(rest) != "Z" && string(rest) != "+00:00" {
		return 0, false
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC)
	return t.Unix()*1000 + int64(ms), true
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
