package s3

import (
	"net/url"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// lister pages through keys in order the way every S3 listing does:
// keys under prefix after marker, those holding delimiter after the
// prefix rolled up into common prefixes, at most max entries (keys and
// common prefixes together).
type lister struct {
	prefix, delimiter, marker string
	max                       int

	count     int
	prefixes  []string
	truncated bool
	last      string // the last key or common prefix listed
}

// verdict is what the lister makes of one key.
type verdict int

const (
	skip     verdict = iota // not listed (rolled up, or before the marker)
	list                    // listed as a key
	stop                    // the page is full and more follows
	jumpPast                // listed as a common prefix; no key under it can be listed
)

// offer considers key k, which sorts after the marker.
func (l *lister) offer(k string) verdict {
	if l.delimiter != "" {
		rest := k[len(l.prefix):]
		if i := strings.Index(rest, l.delimiter); i >= 0 {
			cp := l.prefix + rest[:i+len(l.delimiter)]
			if cp <= l.marker {
				return jumpPast
			}
			if l.count == l.max {
				l.truncated = true
				return stop
			}
			l.prefixes = append(l.prefixes, cp)
			l.count++
			l.last = cp
			return jumpPast
		}
	}
	if l.count == l.max {
		l.truncated = true
		return stop
	}
	l.count++
	l.last = k
	return list
}

// commonPrefixOf is the common prefix k was rolled into by the last
// jumpPast verdict.
func (l *lister) commonPrefixOf(k string) string {
	rest := k[len(l.prefix):]
	i := strings.Index(rest, l.delimiter)
	return l.prefix + rest[:i+len(l.delimiter)]
}

// pastPrefix is a scan position after every key starting with p: no
// UTF-8 key holds the byte 0xff.
func pastPrefix(p string) string { return p + "\xff" }

// scan runs the lister over the keys of b, calling fn for each listed
// key. keyOf maps a stored key to the object key it stands for (the ver
// bucket appends a version suffix). after is where to start.
func (l *lister) scan(b *store.Bucket, after string, keyOf func(string) string, fn func(k string, raw []byte) (bool, error)) error {
	if l.max == 0 {
		return nil
	}
	for {
		resume := ""
		err := b.Scan(l.prefix, after, func(sk string, raw []byte) (bool, error) {
			k := keyOf(sk)
			switch l.offer(k) {
			case stop:
				return false, nil
			case jumpPast:
				resume = pastPrefix(l.commonPrefixOf(k))
				return false, nil
			case list:
				return fn(sk, raw)
			}
			return true, nil
		})
		if err != nil || resume == "" || l.truncated {
			return err
		}
		after = resume
	}
}

// encoder applies encoding-type=url to the names in a listing.
type encoder bool

// parseEncoding reads encoding-type: "url" or absent.
func parseEncoding(q url.Values) (encoder, error) {
	v, ok := q["encoding-type"]
	if !ok {
		return false, nil
	}
	val := ""
	if len(v) > 0 {
		val = v[0]
	}
	if val != "url" {
		return false, errInvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", val)
	}
	return true, nil
}

// enc encodes s as S3 does for encoding-type=url: query escaping, with '/'
// kept.
func (e encoder) enc(s string) string {
	if !e {
		return s
	}
	return strings.ReplaceAll(url.QueryEscape(s), "%2F", "/")
}

func (e encoder) all(ss []string) []prefixXML {
	out := make([]prefixXML, len(ss))
	for i, s := range ss {
		out[i] = prefixXML{Prefix: e.enc(s)}
	}
	return out
}

func (e encoder) typ() string {
	if e {
		return "url"
	}
	return ""
}

type prefixXML struct {
	Prefix string `xml:"Prefix"`
}
