package route53

import (
	"cmp"
	"slices"

	"github.com/miekg/dns"
)

// aliasTTL is the TTL of answers from an alias to a target outside the
// served zones, as AWS gives aliases to load balancers.
const aliasTTL = 60

// records turns a plain record set into DNS records owned by owner;
// values that do not parse are skipped (the API refuses them, so only a
// hand-edited store holds any).
func (l *lookup) records(s *rrset, owner string) []dns.RR {
	if s.TTL == nil {
		return nil
	}
	ttl := uint32(min(max(*s.TTL, 0), 1<<31-1))
	out := make([]dns.RR, 0, len(s.Records))
	for _, v := range s.Records {
		rr, err := toRR("owner.", ttl, s.Type, v)
		if err != nil {
			l.d.cfg.Logger.Warn("dns: skip record", "name", s.Name, "type", s.Type, "value", v, "err", err)
			continue
		}
		rr.Header().Name = owner
		out = append(out, rr)
	}
	return out
}

// rrsFor answers a record set: its values, or for an alias the target's.
func (l *lookup) rrsFor(s *rrset, owner string) ([]dns.RR, error) {
	if s.Alias == nil {
		return l.records(s, owner), nil
	}
	return l.alias(s, owner)
}

// alias answers an alias record set: from the target record in a zone of
// the account when the alias names one, else from the AliasResolver.
func (l *lookup) alias(s *rrset, owner string) ([]dns.RR, error) {
	if *l.hops >= maxHops {
		return nil, nil
	}
	*l.hops++
	qtype := dns.StringToType[s.Type]
	target, err := parseName(s.Alias.DNSName)
	if err != nil {
		return nil, nil
	}
	if tz := zoneByID(l.zones, s.Alias.ZoneID); tz != nil {
		zn, err := parseName(tz.Name)
		if err != nil || !target.within(zn) {
			return nil, nil
		}
		sub := &lookup{d: l.d, ctx: l.ctx, tx: l.tx, zones: l.zones, msg: &dns.Msg{}, hops: l.hops}
		if _, err := sub.resolve(tz, target, target.dns(), qtype); err != nil {
			return nil, err
		}
		var out []dns.RR
		for _, rr := range sub.msg.Answer {
			if rr.Header().Rrtype == qtype {
				rr.Header().Name = owner
				out = append(out, rr)
			}
		}
		return out, nil
	}
	if l.d.cfg.Resolver == nil || qtype != dns.TypeA && qtype != dns.TypeAAAA {
		return nil, nil
	}
	addrs, ok := l.d.cfg.Resolver.Resolve(l.ctx, target.dns())
	if !ok {
		return nil, nil
	}
	hdr := dns.RR_Header{Name: owner, Rrtype: qtype, Class: dns.ClassINET, Ttl: aliasTTL}
	var out []dns.RR
	for _, a := range addrs {
		a = a.Unmap()
		switch {
		case qtype == dns.TypeA && a.Is4():
			out = append(out, &dns.A{Hdr: hdr, A: a.AsSlice()})
		case qtype == dns.TypeAAAA && a.Is6():
			out = append(out, &dns.AAAA{Hdr: hdr, AAAA: a.AsSlice()})
		}
	}
	return out, nil
}

// route picks, among record sets of one type that carry a routing
// policy, the ones a resolver would be given, deterministically: the
// highest weight (weight 0 only when all are 0), the PRIMARY of a
// failover pair, every multivalue set, else the first by set identifier.
// Sets without a set identifier are answered as they are.
func route(sets []rrset) []rrset {
	var out []rrset
	byType := map[string][]rrset{}
	var types []string
	for _, s := range sets {
		if s.SetIdentifier == "" {
			out = append(out, s)
			continue
		}
		if _, seen := byType[s.Type]; !seen {
			types = append(types, s.Type)
		}
		byType[s.Type] = append(byType[s.Type], s)
	}
	for _, t := range types {
		out = append(out, pickRouted(byType[t])...)
	}
	return out
}

func pickRouted(sets []rrset) []rrset {
	slices.SortFunc(sets, func(a, b rrset) int { return cmp.Compare(a.SetIdentifier, b.SetIdentifier) })
	first := sets[0]
	switch {
	case first.Weight != nil:
		best := first
		for _, s := range sets[1:] {
			if s.Weight != nil && *s.Weight > *best.Weight {
				best = s
			}
		}
		return []rrset{best}
	case first.Failover != "":
		for _, s := range sets {
			if s.Failover == "PRIMARY" {
				return []rrset{s}
			}
		}
	case first.MultiValue != nil:
		return sets
	}
	return []rrset{first}
}
