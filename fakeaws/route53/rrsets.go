package route53

import (
	"encoding/xml"
	"slices"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type xListSetsResponse struct {
	XMLName              xml.Name `xml:"ListResourceRecordSetsResponse"`
	Xmlns                string   `xml:"xmlns,attr"`
	ResourceRecordSets   xSetList `xml:"ResourceRecordSets"`
	IsTruncated          bool     `xml:"IsTruncated"`
	NextRecordName       string   `xml:"NextRecordName,omitempty"`
	NextRecordType       string   `xml:"NextRecordType,omitempty"`
	NextRecordIdentifier string   `xml:"NextRecordIdentifier,omitempty"`
	MaxItems             int      `xml:"MaxItems"`
}

type xSetList struct {
	Items []xRRSet `xml:"ResourceRecordSet"`
}

// listResourceRecordSets lists a zone's record sets in Route 53's order,
// names with their labels reversed then type then set identifier,
// starting at the set named by name, type and identifier.
func (s *Service) listResourceRecordSets(c *call) (*reply, error) {
	q := c.HTTP.URL.Query()
	limit, err := maxItems(q, maxListSets, maxListSets)
	if err != nil {
		return nil, err
	}
	start, err := startKey(q.Get("name"), q.Get("type"), q.Get("identifier"))
	if err != nil {
		return nil, err
	}
	out := xListSetsResponse{Xmlns: xmlns, MaxItems: limit}
	err = s.env.DB.View(func(tx *store.Tx) error {
		z, err := getZone(tx, c)
		if err != nil {
			return err
		}
		b := recordsBucket(tx, c.Account(), z.ID)
		visit := func(_ string, raw []byte) (bool, error) {
			set, err := decodeSet(raw)
			if err != nil {
				return false, err
			}
			if len(out.ResourceRecordSets.Items) == limit {
				out.IsTruncated = true
				out.NextRecordName, out.NextRecordType, out.NextRecordIdentifier = wireName(set.Name), set.Type, set.SetIdentifier
				return false, nil
			}
			out.ResourceRecordSets.Items = append(out.ResourceRecordSets.Items, setView(&set))
			return true, nil
		}
		if start == "" {
			return b.Scan("", "", visit)
		}
		// Scan starts after its mark; the set at the mark itself, if
		// any, comes first.
		if raw := b.GetRaw(start); raw != nil {
			if more, err := visit(start, slices.Clone(raw)); err != nil || !more {
				return err
			}
		}
		return b.Scan("", start, visit)
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}

// startKey is the store key a listing starts at.
func startKey(nm, typ, id string) (string, error) {
	switch {
	case nm == "" && typ != "":
		return "", invalidInput("The input is not valid: you specified a record type without a record name.")
	case id != "" && (nm == "" || typ == ""):
		return "", invalidInput("The input is not valid: you specified a record identifier without a record name and type.")
	case typ != "" && !slices.Contains(rrTypes, typ):
		return "", invalidInput("1 validation error detected: Value '%s' at 'startRecordType' failed to satisfy constraint: Member must satisfy enum value set: [SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, SRV, SPF, AAAA, CAA, DS, TLSA, SSHFP, SVCB, HTTPS]", typ)
	case nm == "":
		return "", nil
	}
	n, err := parseName(nm)
	if err != nil {
		return "", invalidInput("The input is not valid: %s is not a valid record name.", nm)
	}
	if typ == "" {
		return n.key(), nil
	}
	return setKey(n, typ, id), nil
}
