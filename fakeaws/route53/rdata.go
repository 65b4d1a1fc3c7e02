package route53

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/miekg/dns"
)

// checkValues checks the values of a record set as Route 53 does, one
// message per bad value.
func checkValues(s *rrset) []string {
	if s.Alias != nil {
		return nil
	}
	var msgs []string
	if (s.Type == "CNAME" || s.Type == "SOA") && len(s.Records) > 1 {
		msgs = append(msgs, fmt.Sprintf("RRSet of type %s with DNS name %s contains more than one resource record", s.Type, wireName(s.Name)))
	}
	seen := make(map[string]bool, len(s.Records))
	for _, v := range s.Records {
		if seen[v] {
			msgs = append(msgs, fmt.Sprintf("Duplicate Resource Record: '%s'", v))
			continue
		}
		seen[v] = true
		if problem := checkValue(s.Type, v); problem != "" {
			msgs = append(msgs, fmt.Sprintf("Invalid Resource Record: 'FATAL problem: %s encountered with '%s''", problem, v))
		}
	}
	return msgs
}

// checkValue returns what is wrong with one value of type typ, "" when
// nothing is.
func checkValue(typ, v string) string {
	if strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) {
		return "InvalidCharacter (Value contains a control character)"
	}
	switch typ {
	case "A":
		if a, err := netip.ParseAddr(v); err != nil || !a.Is4() {
			return "ARRDATAIllegalIPv4Address (Value is not a valid IPv4 address)"
		}
	case "AAAA":
		if a, err := netip.ParseAddr(v); err != nil || !a.Is6() || a.Zone() != "" {
			return "AAAARRDATAIllegalIPv6Address (Value is not a valid IPv6 address)"
		}
	case "TXT", "SPF":
		if err := checkCharacterStrings(v); err != nil {
			return err.Error()
		}
	}
	if _, err := toRR("check.", 300, typ, v); err != nil {
		return fmt.Sprintf("%sRRDATAIllegal (Value is not a valid %s record)", typ, typ)
	}
	return ""
}

var (
	errUnquoted = errors.New("InvalidCharacterString (Value should be enclosed in quotation marks)")
	errTooLong  = errors.New("CharacterStringTooLong (Value is too long)")
)

// checkCharacterStrings checks a TXT value: one or more quoted strings of
// at most 255 octets each, separated by spaces.
func checkCharacterStrings(v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return errUnquoted
	}
	for v != "" {
		if v[0] != '"' {
			return errUnquoted
		}
		n, i, closed := 0, 1, false
		for i < len(v) && !closed {
			switch {
			case v[i] == '"':
				closed = true
			case v[i] == '\\' && i+3 < len(v) && isDigit(v[i+1]) && isDigit(v[i+2]) && isDigit(v[i+3]):
				i += 3
				n++
			case v[i] == '\\' && i+1 < len(v):
				i++
				n++
			default:
				n++
			}
			i++
		}
		if !closed {
			return errUnquoted
		}
		if n > 255 {
			return errTooLong
		}
		v = strings.TrimLeft(v[i:], " \t")
	}
	return nil
}

// toRR parses one value of a record set into a DNS record owned by
// owner, in miekg/dns's presentation format.
func toRR(owner string, ttl uint32, typ, value string) (dns.RR, error) {
	rt, known := dns.StringToType[typ]
	if !known {
		return nil, fmt.Errorf("unknown type %s", typ)
	}
	rr, err := dns.NewRR(owner + " " + strconv.FormatUint(uint64(ttl), 10) + " IN " + typ + " " + value)
	if err != nil {
		return nil, err
	}
	if rr == nil || rr.Header().Rrtype != rt {
		return nil, fmt.Errorf("value %q is not a %s record", value, typ)
	}
	return rr, nil
}
