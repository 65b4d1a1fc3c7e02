package route53

import (
	"context"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
	"github.com/miekg/dns"
)

// Sizes of DNS answers.
const (
	// ednsSize is the UDP payload size the server advertises, the DNS
	// flag day 2020 value.
	ednsSize = 1232
	// maxUDPSize bounds what a client's EDNS0 buffer size can ask for.
	maxUDPSize = 4096
	// maxHops bounds the CNAMEs and aliases followed for one answer.
	maxHops = 8
)

// Answer computes the response to a query as the server sends it over
// UDP (tcp false: truncated to 512 octets or the client's EDNS0 buffer
// size, with TC set) or TCP.
func (d *DNSServer) Answer(ctx context.Context, req *dns.Msg, tcp bool) *dns.Msg {
	resp := &dns.Msg{}
	resp.Id, resp.Response, resp.Opcode = req.Id, true, req.Opcode
	resp.RecursionDesired, resp.CheckingDisabled = req.RecursionDesired, req.CheckingDisabled
	resp.Question = req.Question
	resp.Compress = true
	size := dns.MinMsgSize
	if opt := req.IsEdns0(); opt != nil {
		size = min(max(int(opt.UDPSize()), dns.MinMsgSize), maxUDPSize)
		resp.SetEdns0(ednsSize, false)
		if opt.Version() != 0 {
			resp.Rcode = dns.RcodeBadVers
			return resp
		}
	}
	if tcp {
		size = dns.MaxMsgSize
	}
	resp.Rcode = d.answer(ctx, req, resp)
	resp.Truncate(size)
	return resp
}

// answer fills resp for req and returns the response code.
func (d *DNSServer) answer(ctx context.Context, req, resp *dns.Msg) int {
	if req.Response || req.Opcode != dns.OpcodeQuery {
		return dns.RcodeNotImplemented
	}
	if len(req.Question) != 1 {
		return dns.RcodeFormatError
	}
	q := req.Question[0]
	if q.Qclass != dns.ClassINET && q.Qclass != dns.ClassANY {
		return dns.RcodeRefused
	}
	switch q.Qtype {
	case dns.TypeAXFR, dns.TypeIXFR, dns.TypeOPT:
		return dns.RcodeRefused
	}
	qn, err := parseDNSName(q.Name)
	if err != nil {
		return dns.RcodeFormatError
	}
	rcode := dns.RcodeSuccess
	err = d.svc.env.DB.View(func(tx *store.Tx) error {
		zones, err := listZones(tx, d.cfg.Account)
		if err != nil {
			return err
		}
		z := d.pickZone(zones, qn)
		if z == nil {
			rcode = dns.RcodeRefused
			return nil
		}
		resp.Authoritative = true
		hops := 0
		l := &lookup{d: d, ctx: ctx, tx: tx, zones: zones, msg: resp, hops: &hops}
		rcode, err = l.resolve(z, qn, q.Name, q.Qtype)
		return err
	})
	if err != nil {
		d.cfg.Logger.Warn("dns: answer", "question", q.String(), "err", err)
		resp.Answer, resp.Ns, resp.Authoritative = nil, nil, false
		return dns.RcodeServerFailure
	}
	return rcode
}

// pickZone chooses the zone that answers for n: the longest zone name n
// lies in; between zones of that name a public one unless the server
// knows the client's VPC, then the private one associated with it; then
// the lowest ID.
func (d *DNSServer) pickZone(zones []zone, n name) *zone {
	var (
		best     *zone
		bestLen  = -1
		bestRank = -1
	)
	for i := range zones {
		z := &zones[i]
		rank := d.rank(z)
		if rank < 0 {
			continue
		}
		zn, err := parseName(z.Name)
		if err != nil || !n.within(zn) {
			continue
		}
		if len(zn) > bestLen || len(zn) == bestLen && rank > bestRank {
			best, bestLen, bestRank = z, len(zn), rank
		}
	}
	return best
}

// rank orders zones of the same name; -1 is a zone not served.
func (d *DNSServer) rank(z *zone) int {
	switch {
	case d.cfg.VPC == "" && z.Private:
		return 0
	case d.cfg.VPC == "":
		return 1
	case !z.Private:
		return 0
	}
	for _, v := range z.VPCs {
		if v.ID == d.cfg.VPC {
			return 1
		}
	}
	return -1
}

func zoneByID(zones []zone, id string) *zone {
	for i := range zones {
		if zones[i].ID == id {
			return &zones[i]
		}
	}
	return nil
}
