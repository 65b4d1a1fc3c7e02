package route53

import (
	"cmp"
	"encoding/xml"
	"net/url"
	"slices"
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type xZoneList struct {
	Items []xHostedZone `xml:"HostedZone"`
}

type xListZonesResponse struct {
	XMLName     xml.Name  `xml:"ListHostedZonesResponse"`
	Xmlns       string    `xml:"xmlns,attr"`
	HostedZones xZoneList `xml:"HostedZones"`
	Marker      string    `xml:"Marker"`
	IsTruncated bool      `xml:"IsTruncated"`
	NextMarker  string    `xml:"NextMarker,omitempty"`
	MaxItems    int       `xml:"MaxItems"`
}

type xListByNameResponse struct {
	XMLName          xml.Name  `xml:"ListHostedZonesByNameResponse"`
	Xmlns            string    `xml:"xmlns,attr"`
	HostedZones      xZoneList `xml:"HostedZones"`
	DNSName          string    `xml:"DNSName,omitempty"`
	HostedZoneID     string    `xml:"HostedZoneId,omitempty"`
	IsTruncated      bool      `xml:"IsTruncated"`
	NextDNSName      string    `xml:"NextDNSName,omitempty"`
	NextHostedZoneID string    `xml:"NextHostedZoneId,omitempty"`
	MaxItems         int       `xml:"MaxItems"`
}

// maxItems reads the maxitems query parameter: def when absent, at most
// limit (AWS returns no more than its limit whatever is asked).
func maxItems(q url.Values, def, limit int) (int, error) {
	v := q.Get("maxitems")
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, invalidInput("1 validation error detected: Value '%s' at 'maxItems' failed to satisfy constraint: Member must be a positive integer", v)
	}
	return min(n, limit), nil
}

func listZones(tx *store.Tx, account string) ([]zone, error) {
	return store.List[zone](zonesBucket(tx, account), "")
}

// listHostedZones lists zones in ID order; the marker is the ID of the
// first zone of the page.
func (s *Service) listHostedZones(c *call) (*reply, error) {
	q := c.HTTP.URL.Query()
	limit, err := maxItems(q, maxListZones, maxListZones)
	if err != nil {
		return nil, err
	}
	if id := q.Get("delegationsetid"); id != "" {
		return nil, invalidInput("fakeaws has no reusable delegation set %s", id)
	}
	typ := q.Get("hostedzonetype")
	if typ != "" && typ != "PrivateHostedZone" {
		return nil, invalidInput("1 validation error detected: Value '%s' at 'hostedZoneType' failed to satisfy constraint: Member must satisfy enum value set: [PrivateHostedZone]", typ)
	}
	marker := q.Get("marker")
	out := xListZonesResponse{Xmlns: xmlns, Marker: marker, MaxItems: limit}
	err = s.env.DB.View(func(tx *store.Tx) error {
		zones, err := listZones(tx, c.Account())
		if err != nil {
			return err
		}
		for i := range zones {
			z := &zones[i]
			if z.ID < marker || typ != "" && !z.Private {
				continue
			}
			if len(out.HostedZones.Items) == limit {
				out.IsTruncated, out.NextMarker = true, z.ID
				break
			}
			hz, err := zoneView(tx, c.Account(), z)
			if err != nil {
				return err
			}
			out.HostedZones.Items = append(out.HostedZones.Items, hz)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}

// listHostedZonesByName lists zones by name with the labels reversed,
// then by ID, starting at dnsname (and hostedzoneid).
func (s *Service) listHostedZonesByName(c *call) (*reply, error) {
	q := c.HTTP.URL.Query()
	limit, err := maxItems(q, maxListZones, maxListZones)
	if err != nil {
		return nil, err
	}
	dnsName, startID := q.Get("dnsname"), zoneID(q.Get("hostedzoneid"))
	if startID != "" && dnsName == "" {
		return nil, invalidInput("The input is not valid: you specified a hosted zone ID without a DNS name.")
	}
	startKey := ""
	if dnsName != "" {
		n, err := parseName(dnsName)
		if err != nil {
			return nil, invalidDomainName(dnsName)
		}
		startKey = n.key()
	}
	out := xListByNameResponse{Xmlns: xmlns, DNSName: dnsName, HostedZoneID: q.Get("hostedzoneid"), MaxItems: limit}
	err = s.env.DB.View(func(tx *store.Tx) error {
		zones, err := listZones(tx, c.Account())
		if err != nil {
			return err
		}
		keyed := sortByName(zones)
		for _, kz := range keyed {
			if d := cmp.Compare(kz.key, startKey); d < 0 || d == 0 && kz.z.ID < startID {
				continue
			}
			if len(out.HostedZones.Items) == limit {
				out.IsTruncated = true
				out.NextDNSName, out.NextHostedZoneID = wireName(kz.z.Name), kz.z.ID
				break
			}
			hz, err := zoneView(tx, c.Account(), kz.z)
			if err != nil {
				return err
			}
			out.HostedZones.Items = append(out.HostedZones.Items, hz)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}

type keyedZone struct {
	key string
	z   *zone
}

func sortByName(zones []zone) []keyedZone {
	out := make([]keyedZone, 0, len(zones))
	for i := range zones {
		n, _ := parseName(zones[i].Name)
		out = append(out, keyedZone{key: n.key(), z: &zones[i]})
	}
	slices.SortFunc(out, func(a, b keyedZone) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.z.ID, b.z.ID))
	})
	return out
}
