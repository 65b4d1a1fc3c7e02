package route53

import (
	"context"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
	"github.com/miekg/dns"
)

// lookup resolves one query against the store, appending to msg.
type lookup struct {
	d     *DNSServer
	ctx   context.Context
	tx    *store.Tx
	zones []zone // every zone of the account, served or not
	msg   *dns.Msg
	hops  *int // CNAMEs and aliases followed so far, shared by sub-lookups
}

// resolve answers qtype at qn in zone z, naming the answers owner, and
// returns the response code: NXDOMAIN when qn does not exist, else
// NOERROR (with the SOA in the authority section when nothing answers).
func (l *lookup) resolve(z *zone, qn name, owner string, qtype uint16) (int, error) {
	zn, err := parseName(z.Name)
	if err != nil {
		return 0, err
	}
	if cut, ok, err := l.delegation(z, zn, qn, qtype); err != nil || ok {
		if err == nil && len(l.msg.Answer) == 0 {
			err = l.refer(z, cut)
		}
		return dns.RcodeSuccess, err
	}
	sets, err := setsAt(l.tx, l.d.cfg.Account, z.ID, qn)
	if err != nil {
		return 0, err
	}
	if len(sets) == 0 {
		below, err := hasBelow(l.tx, l.d.cfg.Account, z.ID, qn)
		if err != nil {
			return 0, err
		}
		if !below {
			if sets, err = l.wildcard(z, zn, qn); err != nil {
				return 0, err
			}
			if len(sets) == 0 {
				return dns.RcodeNameError, l.negative(z, zn)
			}
		}
	}
	return l.answerFrom(z, zn, sets, owner, qtype)
}

// delegation finds an NS record set strictly below the apex on the way
// down to qn: a zone cut, where this server is no longer authoritative.
func (l *lookup) delegation(z *zone, zn, qn name, qtype uint16) (name, bool, error) {
	for depth := len(zn) + 1; depth <= len(qn); depth++ {
		cut := qn[len(qn)-depth:]
		if depth == len(qn) && qtype == dns.TypeDS {
			break // DS records live on the parent side of the cut
		}
		sets, err := setsAt(l.tx, l.d.cfg.Account, z.ID, cut)
		if err != nil {
			return nil, false, err
		}
		for _, s := range sets {
			if s.Type == "NS" {
				return cut, true, nil
			}
		}
	}
	return nil, false, nil
}

// refer writes a referral: the cut's NS records in the authority section,
// addresses of name servers inside the zone as glue, AA cleared.
func (l *lookup) refer(z *zone, cut name) error {
	sets, err := setsAt(l.tx, l.d.cfg.Account, z.ID, cut)
	if err != nil {
		return err
	}
	l.msg.Authoritative = false
	for i := range sets {
		if sets[i].Type != "NS" {
			continue
		}
		for _, rr := range l.records(&sets[i], cut.dns()) {
			l.msg.Ns = append(l.msg.Ns, rr)
			ns, ok := rr.(*dns.NS)
			if !ok {
				continue
			}
			target, err := parseDNSName(ns.Ns)
			if err != nil || !target.within(cut) {
				continue
			}
			glue, err := setsAt(l.tx, l.d.cfg.Account, z.ID, target)
			if err != nil {
				return err
			}
			for j := range glue {
				if glue[j].Type == "A" || glue[j].Type == "AAAA" {
					l.msg.Extra = append(l.msg.Extra, l.records(&glue[j], target.dns())...)
				}
			}
		}
	}
	return nil
}

// wildcard returns the record sets of the wildcard that covers qn, which
// does not exist: "*." under qn's closest existing ancestor.
func (l *lookup) wildcard(z *zone, zn, qn name) ([]rrset, error) {
	for anc := qn.parent(); len(anc) >= len(zn); anc = anc.parent() {
		sets, err := setsAt(l.tx, l.d.cfg.Account, z.ID, anc)
		if err != nil {
			return nil, err
		}
		exists := len(sets) > 0
		if !exists {
			if exists, err = hasBelow(l.tx, l.d.cfg.Account, z.ID, anc); err != nil {
				return nil, err
			}
		}
		if exists {
			return setsAt(l.tx, l.d.cfg.Account, z.ID, anc.child("*"))
		}
	}
	return nil, nil
}

// answerFrom answers from the record sets at a name: the sets of the
// asked type, else a CNAME to follow, else no data.
func (l *lookup) answerFrom(z *zone, zn name, sets []rrset, owner string, qtype uint16) (int, error) {
	var match []rrset
	var cname *rrset
	for i := range sets {
		t := dns.StringToType[sets[i].Type]
		if t == qtype || qtype == dns.TypeANY {
			match = append(match, sets[i])
		}
		if t == dns.TypeCNAME {
			cname = &sets[i]
		}
	}
	if len(match) > 0 {
		n := len(l.msg.Answer)
		for _, s := range route(match) {
			rrs, err := l.rrsFor(&s, owner)
			if err != nil {
				return 0, err
			}
			l.msg.Answer = append(l.msg.Answer, rrs...)
		}
		if len(l.msg.Answer) == n {
			return dns.RcodeSuccess, l.negative(z, zn)
		}
		return dns.RcodeSuccess, nil
	}
	if cname == nil {
		return dns.RcodeSuccess, l.negative(z, zn)
	}
	rrs, err := l.rrsFor(cname, owner)
	if err != nil || len(rrs) == 0 {
		return dns.RcodeSuccess, err
	}
	l.msg.Answer = append(l.msg.Answer, rrs...)
	return l.follow(rrs[0], qtype)
}

// follow chases a CNAME into the served zones, as an authoritative server
// adds the target's records when it holds them.
func (l *lookup) follow(rr dns.RR, qtype uint16) (int, error) {
	c, ok := rr.(*dns.CNAME)
	if !ok || *l.hops >= maxHops {
		return dns.RcodeSuccess, nil
	}
	*l.hops++
	target, err := parseDNSName(c.Target)
	if err != nil {
		return dns.RcodeSuccess, nil
	}
	tz := l.d.pickZone(l.zones, target)
	if tz == nil {
		return dns.RcodeSuccess, nil
	}
	return l.resolve(tz, target, target.dns(), qtype)
}

// negative puts the zone's SOA in the authority section, its TTL capped
// by the SOA's minimum as RFC 2308 asks.
func (l *lookup) negative(z *zone, zn name) error {
	sets, err := setsAt(l.tx, l.d.cfg.Account, z.ID, zn)
	if err != nil {
		return err
	}
	for i := range sets {
		if sets[i].Type != "SOA" {
			continue
		}
		for _, rr := range l.records(&sets[i], zn.dns()) {
			if soa, ok := rr.(*dns.SOA); ok {
				soa.Hdr.Ttl = min(soa.Hdr.Ttl, soa.Minttl)
				l.msg.Ns = append(l.msg.Ns, soa)
			}
		}
	}
	return nil
}
