package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type internetGateway struct {
	base
	OwnerID     string          `json:"owner"`
	Attachments []igwAttachment `json:"attachments,omitempty"`
}

type igwAttachment struct {
	VpcID string `json:"vpc"`
}

var igws = &table[internetGateway, *internetGateway]{
	kind: "igws", prefix: "igw", resourceType: "internet-gateway", noun: "internetGateway",
	notFoundCode: "InvalidInternetGatewayID.NotFound", malformedCode: "InvalidInternetGatewayId.Malformed",
}

func (g *internetGateway) attachedTo(vpcID string) bool {
	for _, a := range g.Attachments {
		if a.VpcID == vpcID {
			return true
		}
	}
	return false
}

// gatewayActions are the calls of internet and NAT gateways and Elastic IPs.
func (s *Service) gatewayActions() map[string]awsapi.ActionFunc {
	return map[string]awsapi.ActionFunc{
		"CreateInternetGateway":    s.createInternetGateway,
		"AttachInternetGateway":    s.attachInternetGateway,
		"DetachInternetGateway":    s.detachInternetGateway,
		"DeleteInternetGateway":    s.deleteInternetGateway,
		"DescribeInternetGateways": s.describeInternetGateways,
		"AllocateAddress":          s.allocateAddress,
		"ReleaseAddress":           s.releaseAddress,
		"DisassociateAddress":      s.disassociateAddress,
		"DescribeAddresses":        s.describeAddresses,
		"CreateNatGateway":         s.createNatGateway,
		"DeleteNatGateway":         s.deleteNatGateway,
		"DescribeNatGateways":      s.describeNatGateways,
	}
}

type internetGatewayXML struct {
	ID          string                  `xml:"internetGatewayId"`
	OwnerID     string                  `xml:"ownerId"`
	Attachments items[igwAttachmentXML] `xml:"attachmentSet"`
	Tags        tagsXML                 `xml:"tagSet"`
}

type igwAttachmentXML struct {
	VpcID string `xml:"vpcId"`
	State string `xml:"state"`
}

func (g *internetGateway) xml() internetGatewayXML {
	as := make([]igwAttachmentXML, len(g.Attachments))
	for i, a := range g.Attachments {
		// EC2 reports an attached internet gateway as "available".
		as[i] = igwAttachmentXML{a.VpcID, "available"}
	}
	return internetGatewayXML{g.ID, g.OwnerID, itemsOf(as), tagSet(g.Tags)}
}

func (s *Service) createInternetGateway(r *awsapi.Request, p awsapi.Params) (any, error) {
	tags, err := tagSpecs(p, "internet-gateway")
	if err != nil {
		return nil, err
	}
	g := &internetGateway{base: base{Tags: tags}}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		g.ID, g.OwnerID = s.newID("igw"), sc.account
		return igws.put(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		InternetGateway internetGatewayXML `xml:"internetGateway"`
	}{g.xml()}, nil
}

func igwAndVpc(p awsapi.Params) (string, string, error) {
	id, err := required(p, "InternetGatewayId")
	if err != nil {
		return "", "", err
	}
	vpcID, err := required(p, "VpcId")
	return id, vpcID, err
}

func (s *Service) attachInternetGateway(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, vpcID, err := igwAndVpc(p)
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		g, err := igws.get(tx, sc, id)
		if err != nil {
			return err
		}
		if _, err := vpcs.get(tx, sc, vpcID); err != nil {
			return err
		}
		if len(g.Attachments) > 0 {
			return awsapi.BadRequest("Resource.AlreadyAssociated", "resource %s is already attached to network %s", id, g.Attachments[0].VpcID)
		}
		other, err := igws.all(tx, sc, func(o *internetGateway) bool { return o.attachedTo(vpcID) })
		if err != nil {
			return err
		}
		if len(other) > 0 {
			return awsapi.BadRequest("Resource.AlreadyAssociated", "resource %s is already attached to network %s", other[0].ID, vpcID)
		}
		g.Attachments = []igwAttachment{{VpcID: vpcID}}
		return igws.put(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

func (s *Service) detachInternetGateway(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, vpcID, err := igwAndVpc(p)
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		g, err := igws.get(tx, sc, id)
		if err != nil {
			return err
		}
		if _, err := vpcs.get(tx, sc, vpcID); err != nil {
			return err
		}
		if !g.attachedTo(vpcID) {
			return awsapi.BadRequest("Gateway.NotAttached", "resource %s is not attached to network %s", id, vpcID)
		}
		mapped, err := s.vpcHasPublicAddresses(tx, sc, vpcID)
		if err != nil {
			return err
		}
		if mapped {
			return awsapi.BadRequest("DependencyViolation", "Network %s has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.", vpcID)
		}
		g.Attachments = nil
		return igws.put(tx, sc, g)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

// vpcHasPublicAddresses reports whether an Elastic IP is associated with a
// network interface of the VPC.
func (s *Service) vpcHasPublicAddresses(tx *store.Tx, sc scope, vpcID string) (bool, error) {
	return enis.any(tx, sc, func(e *networkInterface) bool { return e.VpcID == vpcID && e.Association != nil })
}

func (s *Service) deleteInternetGateway(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "InternetGatewayId")
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		g, err := igws.get(tx, sc, id)
		if err != nil {
			return err
		}
		if len(g.Attachments) > 0 {
			return dependencyViolation("internetGateway", id)
		}
		return igws.remove(tx, sc, id)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

var igwFilters = filterSpec[*internetGateway]{
	"internet-gateway-id": func(g *internetGateway) []string { return one(g.ID) },
	"owner-id":            func(g *internetGateway) []string { return one(g.OwnerID) },
	"attachment.vpc-id": func(g *internetGateway) []string {
		var out []string
		for _, a := range g.Attachments {
			out = append(out, a.VpcID)
		}
		return out
	},
	"attachment.state": func(g *internetGateway) []string {
		if len(g.Attachments) == 0 {
			return nil
		}
		return one("available")
	},
}

func (s *Service) describeInternetGateways(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids := p.List("InternetGatewayId")
	pg, err := parsePage(p, limits1000, ids)
	if err != nil {
		return nil, err
	}
	match, err := filtersFor(p, igwFilters, recordTags[*internetGateway])
	if err != nil {
		return nil, err
	}
	var (
		found []*internetGateway
		next  string
	)
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		found, next, err = igws.describe(tx, sc, ids, match, pg)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := make([]internetGatewayXML, len(found))
	for i, g := range found {
		out[i] = g.xml()
	}
	return struct {
		Gateways  items[internetGatewayXML] `xml:"internetGatewaySet"`
		NextToken string                    `xml:"nextToken,omitempty"`
	}{itemsOf(out), next}, nil
}
