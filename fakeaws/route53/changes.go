package route53

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type xChangeRequest struct {
	XMLName     xml.Name `xml:"ChangeResourceRecordSetsRequest"`
	ChangeBatch *struct {
		Comment string `xml:"Comment"`
		Changes *struct {
			Items []xChange `xml:"Change"`
		} `xml:"Changes"`
	} `xml:"ChangeBatch"`
}

type xChange struct {
	Action            string  `xml:"Action"`
	ResourceRecordSet *xRRSet `xml:"ResourceRecordSet"`
}

type xChangeResponse struct {
	XMLName    xml.Name    `xml:"ChangeResourceRecordSetsResponse"`
	Xmlns      string      `xml:"xmlns,attr"`
	ChangeInfo xChangeInfo `xml:"ChangeInfo"`
}

// op is one decoded change of a batch.
type op struct {
	action string
	n      name
	set    rrset
}

// Limits of one change batch.
const (
	maxBatchRecords = 1000
	maxValueLen     = 4000
)

var rrTypes = []string{"SOA", "A", "TXT", "NS", "CNAME", "MX", "NAPTR", "PTR", "SRV", "SPF", "AAAA", "CAA", "DS", "TLSA", "SSHFP", "SVCB", "HTTPS"}

func (s *Service) changeResourceRecordSets(c *call) (*reply, error) {
	if err := checkZoneID(c.id); err != nil {
		return nil, err
	}
	comment, ops, err := decodeChanges(c.Body)
	if err != nil {
		return nil, err
	}
	var out xChangeResponse
	err = s.env.DB.Update(func(tx *store.Tx) error {
		z, err := getZone(tx, c)
		if err != nil {
			return err
		}
		apex, err := parseName(z.Name)
		if err != nil {
			return err
		}
		for _, o := range ops {
			if !o.n.within(apex) {
				return singleBatchError("RRSet with DNS name %s is not permitted in zone %s", o.n.wire(), apex.wire())
			}
		}
		b := newBatch(tx, c.Account(), &z, apex)
		for _, o := range ops {
			if err := b.apply(o); err != nil {
				return err
			}
		}
		if len(b.msgs) > 0 {
			return &changeBatchError{Messages: b.msgs}
		}
		if err := b.commit(); err != nil {
			return err
		}
		ch, err := s.newChange(tx, c.Account(), c.Now, comment)
		out = xChangeResponse{Xmlns: xmlns, ChangeInfo: s.changeView(ch, c.Now)}
		return err
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}

// decodeChanges reads a ChangeResourceRecordSetsRequest and checks each
// change's shape, as AWS does before it looks at the zone: the first
// problem is InvalidInput (or InvalidChangeBatch for a bad name).
func decodeChanges(body io.Reader) (string, []op, error) {
	var in xChangeRequest
	if err := decodeXML(body, &in); err != nil {
		return "", nil, err
	}
	if in.ChangeBatch == nil {
		return "", nil, invalidInput("1 validation error detected: Value null at 'changeBatch' failed to satisfy constraint: Member must not be null")
	}
	if in.ChangeBatch.Changes == nil || len(in.ChangeBatch.Changes.Items) == 0 {
		return "", nil, invalidInput("1 validation error detected: Value '[]' at 'changeBatch.changes' failed to satisfy constraint: Member must have length greater than or equal to 1")
	}
	if utf8.RuneCountInString(in.ChangeBatch.Comment) > 256 {
		return "", nil, invalidInput("1 validation error detected: Value at 'changeBatch.comment' failed to satisfy constraint: Member must have length less than or equal to 256")
	}
	ops := make([]op, 0, len(in.ChangeBatch.Changes.Items))
	records := 0
	for i, ch := range in.ChangeBatch.Changes.Items {
		o, err := decodeChange(i+1, &ch)
		if err != nil {
			return "", nil, err
		}
		records += max(1, len(o.set.Records))
		ops = append(ops, o)
	}
	if records > maxBatchRecords {
		return "", nil, singleBatchError("Number of records limit of %d exceeded.", maxBatchRecords)
	}
	return in.ChangeBatch.Comment, ops, nil
}

func decodeChange(i int, ch *xChange) (op, error) {
	at := func(field string) string { return fmt.Sprintf("changeBatch.changes.%d.member.%s", i, field) }
	if !slices.Contains([]string{"CREATE", "DELETE", "UPSERT"}, ch.Action) {
		return op{}, invalidInput("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [CREATE, DELETE, UPSERT]", ch.Action, at("action"))
	}
	x := ch.ResourceRecordSet
	if x == nil {
		return op{}, invalidInput("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null", at("resourceRecordSet"))
	}
	if x.Name == "" || len(x.Name) > 1024 {
		return op{}, invalidInput("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length between 1 and 1024", x.Name, at("resourceRecordSet.name"))
	}
	if !slices.Contains(rrTypes, x.Type) {
		return op{}, invalidInput("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [SOA, A, TXT, NS, CNAME, MX, NAPTR, PTR, SRV, SPF, AAAA, CAA, DS, TLSA, SSHFP, SVCB, HTTPS]", x.Type, at("resourceRecordSet.type"))
	}
	n, err := parseName(x.Name)
	if err != nil {
		return op{}, &changeBatchError{Messages: []string{nameProblem(x.Name, err)}}
	}
	o := op{action: ch.Action, n: n, set: rrset{
		Name: n.String(), Type: x.Type, SetIdentifier: x.SetIdentifier,
		Weight: x.Weight, Region: x.Region, Failover: x.Failover, MultiValue: x.MultiValueAnswer, TTL: x.TTL,
	}}
	desc := describeChange(ch.Action, n, x)
	if err := checkShape(x, desc, at); err != nil {
		return op{}, err
	}
	if x.GeoLocation != nil {
		o.set.Geo = &geoLocation{ContinentCode: x.GeoLocation.ContinentCode, CountryCode: x.GeoLocation.CountryCode, SubdivisionCode: x.GeoLocation.SubdivisionCode}
	}
	if x.ResourceRecords != nil {
		for _, r := range x.ResourceRecords.Items {
			o.set.Records = append(o.set.Records, r.Value)
		}
	}
	if a := x.AliasTarget; a != nil {
		target, err := parseName(a.DNSName)
		if err != nil || a.DNSName == "" || a.HostedZoneID == "" {
			return op{}, invalidInput("Invalid request: AliasTarget needs a HostedZoneId and a valid DNSName in %s", desc)
		}
		o.set.Alias = &alias{ZoneID: zoneID(a.HostedZoneID), DNSName: target.String(), EvaluateTargetHealth: a.EvaluateTargetHealth}
	}
	return o, nil
}

// checkShape checks what one change must carry: either an alias target or
// a TTL with records, a set identifier exactly when a routing policy is
// given, values within the model's ranges.
func checkShape(x *xRRSet, desc string, at func(string) string) error {
	switch {
	case x.TrafficPolicyInstanceID != "" || x.CidrRoutingConfig != nil || x.GeoProximityLocation != nil:
		return invalidInput("fakeaws does not serve traffic policies, CIDR routing or geoproximity routing (%s)", desc)
	case x.HealthCheckID != "":
		return awsapi.NotFound(codeNoSuchHealthCheck, "No health check exists with the specified ID %s", x.HealthCheckID)
	case x.TTL != nil && (*x.TTL < 0 || *x.TTL > 2147483647):
		return invalidInput("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value between 0 and 2147483647", *x.TTL, at("resourceRecordSet.tTL"))
	case x.Weight != nil && (*x.Weight < 0 || *x.Weight > 255):
		return invalidInput("1 validation error detected: Value '%d' at '%s' failed to satisfy constraint: Member must have value between 0 and 255", *x.Weight, at("resourceRecordSet.weight"))
	case x.Failover != "" && x.Failover != "PRIMARY" && x.Failover != "SECONDARY":
		return invalidInput("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must satisfy enum value set: [PRIMARY, SECONDARY]", x.Failover, at("resourceRecordSet.failover"))
	case len(x.SetIdentifier) > 128:
		return invalidInput("1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: Member must have length less than or equal to 128", x.SetIdentifier, at("resourceRecordSet.setIdentifier"))
	case x.ResourceRecords != nil && len(x.ResourceRecords.Items) == 0:
		return invalidInput("1 validation error detected: Value '[]' at '%s' failed to satisfy constraint: Member must have length greater than or equal to 1", at("resourceRecordSet.resourceRecords"))
	}
	if x.ResourceRecords != nil {
		for _, r := range x.ResourceRecords.Items {
			if len(r.Value) > maxValueLen {
				return invalidInput("1 validation error detected: Value at '%s' failed to satisfy constraint: Member must have length less than or equal to %d", at("resourceRecordSet.resourceRecords.member.value"), maxValueLen)
			}
		}
	}
	plain := x.TTL != nil && x.ResourceRecords != nil
	if x.AliasTarget != nil && (x.TTL != nil || x.ResourceRecords != nil) {
		return invalidInput("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found more than one in %s", desc)
	}
	if x.AliasTarget == nil && !plain {
		return invalidInput("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in %s", desc)
	}
	if x.AliasTarget != nil && (x.Type == "SOA" || x.Type == "NS") {
		return invalidInput("Invalid request: an alias resource record set cannot be of type %s in %s", x.Type, desc)
	}
	policies := 0
	for _, set := range []bool{x.Weight != nil, x.Region != "", x.GeoLocation != nil, x.Failover != "", x.MultiValueAnswer != nil} {
		if set {
			policies++
		}
	}
	switch {
	case x.SetIdentifier == "" && policies > 0:
		return invalidInput("Invalid request: Missing field 'SetIdentifier' in %s", desc)
	case x.SetIdentifier != "" && policies == 0:
		return invalidInput("Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none in %s", desc)
	case policies > 1:
		return invalidInput("Invalid request: Expected exactly one of [Weight, Region, Failover, GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found more than one in %s", desc)
	}
	return nil
}

// describeChange names a change as AWS's InvalidInput messages do.
func describeChange(action string, n name, x *xRRSet) string {
	id := "null"
	if x.SetIdentifier != "" {
		id = x.SetIdentifier
	}
	return fmt.Sprintf("Change with [Action=%s, Name=%s, Type=%s, SetIdentifier=%s]", action, n.wire(), x.Type, id)
}

func nameProblem(n string, err error) string {
	problem := "DomainNameInvalid (Domain name is invalid)"
	switch {
	case errors.Is(err, errEmptyLabel):
		problem = "DomainLabelEmpty (Domain label is empty)"
	case errors.Is(err, errLabelTooLong):
		problem = "DomainLabelTooLong (Domain label is too long)"
	case errors.Is(err, errNameTooLong):
		problem = "DomainNameTooLong (Domain name is too long)"
	}
	return fmt.Sprintf("FATAL problem: %s encountered with '%s'", problem, n)
}
