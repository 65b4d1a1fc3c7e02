package route53

import (
	"encoding/xml"
	"slices"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type xVPCRequest struct {
	XMLName xml.Name
	VPC     *xVPC  `xml:"VPC"`
	Comment string `xml:"Comment"`
}

type xVPCResponse struct {
	XMLName    xml.Name
	Xmlns      string      `xml:"xmlns,attr"`
	ChangeInfo xChangeInfo `xml:"ChangeInfo"`
}

func (s *Service) associateVPC(c *call) (*reply, error) {
	return s.changeVPC(c, "AssociateVPCWithHostedZone", func(tx *store.Tx, account string, z *zone, v vpc) error {
		if !z.Private {
			return awsapi.BadRequest(codePublicZoneVPC, "Public hosted zone %s cannot be associated with a VPC.", z.ID)
		}
		if z.hasVPC(v) {
			return invalidInput("The VPC %s in %s is already associated with the hosted zone %s.", v.ID, v.Region, z.ID)
		}
		if len(z.VPCs) >= maxZoneVPCs {
			return awsapi.BadRequest("LimitsExceeded", "The hosted zone %s is already associated with %d VPCs.", z.ID, maxZoneVPCs)
		}
		if err := checkNoConflict(tx, account, z.Name, v, z.ID); err != nil {
			return err
		}
		z.VPCs = append(z.VPCs, v)
		return nil
	})
}

func (s *Service) disassociateVPC(c *call) (*reply, error) {
	return s.changeVPC(c, "DisassociateVPCFromHostedZone", func(_ *store.Tx, _ string, z *zone, v vpc) error {
		i := slices.Index(z.VPCs, v)
		if !z.Private || i < 0 {
			return awsapi.NotFound(codeVPCAssocNotFound, msgVPCAssociationNotFound)
		}
		if len(z.VPCs) == 1 {
			return awsapi.BadRequest(codeLastVPCAssociation, msgLastVPCAssociation)
		}
		z.VPCs = slices.Delete(z.VPCs, i, i+1)
		return nil
	})
}

// changeVPC decodes an association request, validates the VPC, and
// applies edit to the zone in one transaction.
func (s *Service) changeVPC(c *call, op string, edit func(tx *store.Tx, account string, z *zone, v vpc) error) (*reply, error) {
	var in xVPCRequest
	if err := decodeXML(c.Body, &in); err != nil {
		return nil, err
	}
	if in.XMLName.Local != op+"Request" {
		return nil, invalidInput("Could not parse the request XML: expected element <%sRequest>, found <%s>", op, in.XMLName.Local)
	}
	if in.VPC == nil {
		return nil, invalidInput("1 validation error detected: Value null at 'vPC' failed to satisfy constraint: Member must not be null")
	}
	v, err := s.checkVPC(c, in.VPC)
	if err != nil {
		return nil, err
	}
	out := xVPCResponse{XMLName: xml.Name{Local: op + "Response"}, Xmlns: xmlns}
	err = s.env.DB.Update(func(tx *store.Tx) error {
		z, err := getZone(tx, c)
		if err != nil {
			return err
		}
		if err := edit(tx, c.Account(), &z, *v); err != nil {
			return err
		}
		if err := zonesBucket(tx, c.Account()).Put(z.ID, z); err != nil {
			return err
		}
		ch, err := s.newChange(tx, c.Account(), c.Now, in.Comment)
		out.ChangeInfo = s.changeView(ch, c.Now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}
