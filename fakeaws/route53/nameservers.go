package route53

import (
	"fmt"
	"strconv"
)

// AWS spreads a zone's four name servers over four top-level domains,
// each with its own range of server numbers.
var nsDomains = []struct {
	base int
	tld  string
}{{0, "com"}, {512, "net"}, {1024, "org"}, {1536, "co.uk"}}

// publicNameServers draws a delegation set shaped like AWS's:
// ns-NNN.awsdns-NN.com, .net, .org and .co.uk, without trailing dots.
func (s *Service) publicNameServers() []string {
	out := make([]string, 0, len(nsDomains))
	for _, d := range nsDomains {
		out = append(out, fmt.Sprintf("ns-%d.awsdns-%02d.%s", d.base+s.draw(512), s.draw(64), d.tld))
	}
	return out
}

// privateNameServers are the fixed name servers AWS writes in the NS
// record of every private zone.
func privateNameServers() []string {
	return []string{"ns-1536.awsdns-00.co.uk", "ns-0.awsdns-00.com", "ns-1024.awsdns-00.org", "ns-512.awsdns-00.net"}
}

// draw returns a number in [0, n) from the ID source.
func (s *Service) draw(n int) int {
	v, _ := strconv.ParseUint(s.env.IDs.Hex(6), 16, 32)
	return int(v % uint64(n))
}

// apexSets are the SOA and NS record sets a new zone starts with. The SOA
// names the first name server and AWS's hostmaster, serial 1.
func apexSets(z *zone, zn name) []rrset {
	soaTTL, nsTTL := int64(ttlSOA), int64(ttlNS)
	ns := make([]string, 0, len(z.NameServers))
	for _, h := range z.NameServers {
		ns = append(ns, h+".")
	}
	return []rrset{
		{Name: zn.String(), Type: "SOA", TTL: &soaTTL, Records: []string{ns[0] + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"}},
		{Name: zn.String(), Type: "NS", TTL: &nsTTL, Records: ns},
	}
}
