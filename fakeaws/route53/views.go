package route53

import (
	"slices"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Conversions from stored state to the wire shapes.

const timeFormat = "2006-01-02T15:04:05.000Z"

func zoneView(tx *store.Tx, account string, z *zone) (xHostedZone, error) {
	n, err := recordsBucket(tx, account, z.ID).Count("")
	if err != nil {
		return xHostedZone{}, err
	}
	return xHostedZone{
		ID:                     "/hostedzone/" + z.ID,
		Name:                   wireName(z.Name),
		CallerReference:        z.CallerReference,
		Config:                 &xZoneConfig{Comment: z.Comment, PrivateZone: z.Private},
		ResourceRecordSetCount: int64(n),
	}, nil
}

// wireName is a stored canonical name as Route 53 answers it.
func wireName(canonical string) string {
	n, err := parseName(canonical)
	if err != nil {
		return canonical
	}
	return n.wire()
}

func delegationSet(z *zone) *xDelegationSet {
	if z.Private {
		return nil
	}
	return &xDelegationSet{NameServers: slices.Clone(z.NameServers)}
}

func vpcViews(z *zone) []xVPC {
	out := make([]xVPC, 0, len(z.VPCs))
	for _, v := range z.VPCs {
		out = append(out, xVPC{VPCRegion: v.Region, VPCId: v.ID})
	}
	return out
}

// changeView reports a change PENDING until the service's change delay
// has passed since it was submitted, INSYNC after.
func (s *Service) changeView(ch change, now time.Time) xChangeInfo {
	status := "INSYNC"
	if s.cfg.ChangeDelay > 0 && now.Before(ch.Submitted.Add(s.cfg.ChangeDelay)) {
		status = "PENDING"
	}
	return xChangeInfo{
		ID:          "/change/" + ch.ID,
		Status:      status,
		SubmittedAt: ch.Submitted.UTC().Format(timeFormat),
		Comment:     ch.Comment,
	}
}

func setView(r *rrset) xRRSet {
	x := xRRSet{
		Name:             wireName(r.Name),
		Type:             r.Type,
		SetIdentifier:    r.SetIdentifier,
		Weight:           r.Weight,
		Region:           r.Region,
		Failover:         r.Failover,
		MultiValueAnswer: r.MultiValue,
		TTL:              r.TTL,
		HealthCheckID:    r.HealthCheckID,
	}
	if r.Geo != nil {
		x.GeoLocation = &xGeo{ContinentCode: r.Geo.ContinentCode, CountryCode: r.Geo.CountryCode, SubdivisionCode: r.Geo.SubdivisionCode}
	}
	if r.Alias != nil {
		x.AliasTarget = &xAlias{HostedZoneID: r.Alias.ZoneID, DNSName: wireName(r.Alias.DNSName), EvaluateTargetHealth: r.Alias.EvaluateTargetHealth}
	}
	if len(r.Records) > 0 {
		x.ResourceRecords = &xRecords{}
		for _, v := range r.Records {
			x.ResourceRecords.Items = append(x.ResourceRecords.Items, xRecord{Value: v})
		}
	}
	return x
}
