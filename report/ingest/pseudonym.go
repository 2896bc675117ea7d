package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
)

// Pseudonym returns the stable pseudonym of a raw edX user id: "L" and the
// first 12 hex digits of HMAC-SHA256 keyed by the study's salt. A keyed hash,
// rather than a plain one, means that someone holding the report and a list
// of edX user ids cannot recompute the mapping without the salt. 48 bits
// keep collisions negligible for the size of any MOOC (about 1 in 10^5 for a
// million learners).
func Pseudonym(salt, userID string) string {
	return pseudonymWith(hmac.New(sha256.New, []byte(salt)), userID)
}

// pseudonymWith is Pseudonym with m, a fresh or reset HMAC-SHA256 keyed
// by the salt.
func pseudonymWith(m hash.Hash, userID string) string {
	m.Write([]byte(userID))
	var sum [sha256.Size]byte
	return "L" + hex.EncodeToString(m.Sum(sum[:0]))[:12]
}

// pseudonyms memoises Pseudonym for one salt: a course has far fewer
// learners than events, and the HMAC key schedule costs more than a lookup.
type pseudonyms struct {
	salt string
	memo map[string]string
	mac  hash.Hash // keyed by salt, reset before each use
}

func (p *pseudonyms) of(userID string) string {
	if v, ok := p.memo[userID]; ok {
		return v
	}
	if p.memo == nil {
		p.memo = map[string]string{}
	}
	if p.mac == nil {
		p.mac = hmac.New(sha256.New, []byte(p.salt))
	}
	p.mac.Reset()
	v := pseudonymWith(p.mac, userID)
	p.memo[userID] = v
	return v
}
