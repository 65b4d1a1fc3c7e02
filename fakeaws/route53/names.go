package route53

import (
	"errors"
	"fmt"
	"strings"
)

// name is a domain name as its raw labels, lower-cased, the root last
// label omitted: "www.example.com." is {"www", "example", "com"}.
type name []string

// Limits of a domain name on the wire (RFC 1035).
const (
	maxLabelLen = 63
	maxNameLen  = 255
)

var (
	errEmptyLabel   = errors.New("empty label")
	errLabelTooLong = errors.New("label longer than 63 octets")
	errNameTooLong  = errors.New("name longer than 255 octets")
	errBadEscape    = errors.New("bad escape sequence")
)

// parseName reads a name as Route 53 takes it: "\ooo" octal escapes (so
// "\052" is "*"), a backslash before any other character quoting it, an
// optional trailing dot, any case.
func parseName(s string) (name, error) { return parsePresentation(s, 8) }

// parseDNSName reads a name in the DNS presentation format miekg/dns
// writes: "\DDD" decimal escapes.
func parseDNSName(s string) (name, error) { return parsePresentation(s, 10) }

func parsePresentation(s string, base int) (name, error) {
	if s == "" || s == "." {
		return name{}, nil
	}
	var (
		labels []string
		cur    []byte
		wire   = 1
	)
	flush := func() error {
		if len(cur) == 0 {
			return errEmptyLabel
		}
		if len(cur) > maxLabelLen {
			return errLabelTooLong
		}
		wire += len(cur) + 1
		labels = append(labels, string(cur))
		cur = cur[:0]
		return nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\':
			if i+1 >= len(s) {
				return nil, errBadEscape
			}
			if isDigit(s[i+1]) {
				if i+3 >= len(s) || !isDigit(s[i+2]) || !isDigit(s[i+3]) {
					return nil, errBadEscape
				}
				v := 0
				for _, d := range s[i+1 : i+4] {
					if int(d-'0') >= base {
						return nil, errBadEscape
					}
					v = v*base + int(d-'0')
				}
				if v > 255 {
					return nil, errBadEscape
				}
				cur = append(cur, lower(byte(v)))
				i += 3
				continue
			}
			cur = append(cur, lower(s[i+1]))
			i++
		case c == '.':
			if err := flush(); err != nil {
				return nil, err
			}
			if i == len(s)-1 {
				return finish(labels, wire)
			}
		default:
			cur = append(cur, lower(c))
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return finish(labels, wire)
}

func finish(labels []string, wire int) (name, error) {
	if wire > maxNameLen {
		return nil, errNameTooLong
	}
	return labels, nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// plain reports whether c is written as itself in a name: a-z, 0-9, "-",
// "_" and "*".
func plain(c byte) bool {
	return c >= 'a' && c <= 'z' || isDigit(c) || c == '-' || c == '_' || c == '*'
}

// String is the canonical form fakeaws stores: labels joined by dots with
// a trailing dot, "*" as itself and every byte other than a-z, 0-9, "-"
// and "_" as a "\ooo" octal escape.
func (n name) String() string {
	if len(n) == 0 {
		return "."
	}
	var b strings.Builder
	for _, l := range n {
		writeLabel(&b, l, 8)
		b.WriteByte('.')
	}
	return b.String()
}

// wire is the name as Route 53 answers it: the canonical form with "*"
// escaped as \052.
func (n name) wire() string { return strings.ReplaceAll(n.String(), "*", `\052`) }

// dns is the name in miekg/dns's presentation format.
func (n name) dns() string {
	if len(n) == 0 {
		return "."
	}
	var b strings.Builder
	for _, l := range n {
		writeLabel(&b, l, 10)
		b.WriteByte('.')
	}
	return b.String()
}

func writeLabel(b *strings.Builder, l string, base int) {
	for i := 0; i < len(l); i++ {
		c := l[i]
		if plain(c) {
			b.WriteByte(c)
			continue
		}
		if base == 8 {
			fmt.Fprintf(b, `\%03o`, c)
		} else {
			fmt.Fprintf(b, `\%03d`, c)
		}
	}
}

// key is the name with its labels reversed, "com.example.www.", the order
// in which Route 53 sorts record sets and zones.
func (n name) key() string {
	if len(n) == 0 {
		return "."
	}
	var b strings.Builder
	for i := len(n) - 1; i >= 0; i-- {
		writeLabel(&b, n[i], 8)
		b.WriteByte('.')
	}
	return b.String()
}

// within reports whether n is zone or lies below it.
func (n name) within(zone name) bool {
	if len(n) < len(zone) {
		return false
	}
	off := len(n) - len(zone)
	for i, l := range zone {
		if n[off+i] != l {
			return false
		}
	}
	return true
}

// equal reports whether n and o are the same name.
func (n name) equal(o name) bool { return len(n) == len(o) && n.within(o) }

// parent is n without its first label.
func (n name) parent() name {
	if len(n) == 0 {
		return n
	}
	return n[1:]
}

// child is label.n.
func (n name) child(label string) name {
	return append(name{label}, n...)
}
