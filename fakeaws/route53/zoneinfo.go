package route53

import (
	"encoding/xml"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type xCountResponse struct {
	XMLName         xml.Name `xml:"GetHostedZoneCountResponse"`
	Xmlns           string   `xml:"xmlns,attr"`
	HostedZoneCount int64    `xml:"HostedZoneCount"`
}

type xLimitResponse struct {
	XMLName xml.Name `xml:"GetHostedZoneLimitResponse"`
	Xmlns   string   `xml:"xmlns,attr"`
	Limit   struct {
		Type  string `xml:"Type"`
		Value int64  `xml:"Value"`
	} `xml:"Limit"`
	Count int64 `xml:"Count"`
}

type xDNSSECResponse struct {
	XMLName xml.Name `xml:"GetDNSSECResponse"`
	Xmlns   string   `xml:"xmlns,attr"`
	Status  struct {
		ServeSignature string `xml:"ServeSignature"`
	} `xml:"Status"`
	KeySigningKeys struct{} `xml:"KeySigningKeys"`
}

type xListByVPCResponse struct {
	XMLName   xml.Name `xml:"ListHostedZonesByVPCResponse"`
	Xmlns     string   `xml:"xmlns,attr"`
	Summaries struct {
		Items []xZoneSummary `xml:"HostedZoneSummary"`
	} `xml:"HostedZoneSummaries"`
	MaxItems  int    `xml:"MaxItems"`
	NextToken string `xml:"NextToken,omitempty"`
}

type xZoneSummary struct {
	HostedZoneID string `xml:"HostedZoneId"`
	Name         string `xml:"Name"`
	Owner        struct {
		OwningAccount string `xml:"OwningAccount"`
	} `xml:"Owner"`
}

func (s *Service) getHostedZoneCount(c *call) (*reply, error) {
	var n int
	err := s.env.DB.View(func(tx *store.Tx) error {
		var err error
		n, err = zonesBucket(tx, c.Account()).Count("")
		return err
	})
	if err != nil {
		return nil, err
	}
	return respond(xCountResponse{Xmlns: xmlns, HostedZoneCount: int64(n)})
}

// getHostedZoneLimit answers the two per-zone quotas with AWS's default
// values.
func (s *Service) getHostedZoneLimit(c *call) (*reply, error) {
	out := xLimitResponse{Xmlns: xmlns}
	out.Limit.Type = c.arg
	err := s.env.DB.View(func(tx *store.Tx) error {
		z, err := getZone(tx, c)
		if err != nil {
			return err
		}
		switch c.arg {
		case "MAX_RRSETS_BY_ZONE":
			n, err := recordsBucket(tx, c.Account(), z.ID).Count("")
			out.Limit.Value, out.Count = maxRRSets, int64(n)
			return err
		case "MAX_VPCS_ASSOCIATED_BY_ZONE":
			if !z.Private {
				return awsapi.BadRequest(codeHostedZoneNotPrivate, "The specified hosted zone is a public hosted zone.")
			}
			out.Limit.Value, out.Count = maxZoneVPCs, int64(len(z.VPCs))
			return nil
		}
		return invalidInput("1 validation error detected: Value '%s' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [MAX_RRSETS_BY_ZONE, MAX_VPCS_ASSOCIATED_BY_ZONE]", c.arg)
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}

// getDNSSEC answers that the zone is not signed: fakeaws does not sign.
func (s *Service) getDNSSEC(c *call) (*reply, error) {
	err := s.env.DB.View(func(tx *store.Tx) error {
		_, err := getZone(tx, c)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := xDNSSECResponse{Xmlns: xmlns}
	out.Status.ServeSignature = "NOT_SIGNING"
	return respond(out)
}

// listHostedZonesByVPC lists the private zones associated with a VPC, in
// ID order; the token is the ID of the first zone of the next page.
func (s *Service) listHostedZonesByVPC(c *call) (*reply, error) {
	q := c.HTTP.URL.Query()
	vpcID, region := q.Get("vpcid"), q.Get("vpcregion")
	if vpcID == "" || region == "" {
		return nil, invalidInput("1 validation error detected: both 'vpcId' and 'vpcRegion' are required")
	}
	limit, err := maxItems(q, maxListZones, maxListZones)
	if err != nil {
		return nil, err
	}
	token := q.Get("nexttoken")
	out := xListByVPCResponse{Xmlns: xmlns, MaxItems: limit}
	err = s.env.DB.View(func(tx *store.Tx) error {
		zones, err := listZones(tx, c.Account())
		if err != nil {
			return err
		}
		for i := range zones {
			z := &zones[i]
			if z.ID < token || !z.hasVPC(vpc{ID: vpcID, Region: region}) {
				continue
			}
			if len(out.Summaries.Items) == limit {
				out.NextToken = z.ID
				break
			}
			sum := xZoneSummary{HostedZoneID: z.ID, Name: wireName(z.Name)}
			sum.Owner.OwningAccount = c.Account()
			out.Summaries.Items = append(out.Summaries.Items, sum)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}
