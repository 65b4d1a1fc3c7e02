package ec2

import (
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// NAT gateway states and the timer events that move them.
const (
	natPending   = "pending"
	natAvailable = "available"
	natFailed    = "failed"
	natDeleting  = "deleting"
	natDeleted   = "deleted"

	evNatReady   = "nat-ready"
	evNatDeleted = "nat-deleted"
	evNatPurge   = "nat-purge"

	// natRetention is how long deleted and failed NAT gateways stay
	// visible, as in AWS (about an hour).
	natRetention = time.Hour
)

type natGateway struct {
	base
	SubnetID         string    `json:"subnet"`
	VpcID            string    `json:"vpc"`
	State            string    `json:"state"`
	ConnectivityType string    `json:"connectivity"`
	AllocationID     string    `json:"allocationId,omitempty"`
	AssociationID    string    `json:"associationId,omitempty"`
	PublicIP         string    `json:"publicIp,omitempty"`
	PrivateIP        string    `json:"privateIp"`
	ENIID            string    `json:"eni"`
	Created          time.Time `json:"created"`
	Deleted          time.Time `json:"deleted,omitempty"`
	FailureCode      string    `json:"failureCode,omitempty"`
	FailureMessage   string    `json:"failureMessage,omitempty"`
	ClientToken      string    `json:"clientToken,omitempty"`
}

var natGateways = &table[natGateway, *natGateway]{
	kind: "natgateways", prefix: "nat", resourceType: "natgateway",
	notFoundCode: "NatGatewayNotFound", malformedCode: "NatGatewayMalformed",
	missing: func(ids []string) string { return "The Nat Gateway " + ids[0] + " was not found" },
}

// live reports whether the gateway routes traffic or is about to.
func (n *natGateway) live() bool { return n.State == natPending || n.State == natAvailable }

func (s *Service) createNatGateway(r *awsapi.Request, p awsapi.Params) (any, error) {
	subnetID, err := required(p, "SubnetId")
	if err != nil {
		return nil, err
	}
	conn := p.Get("ConnectivityType")
	switch conn {
	case "":
		conn = "public"
	case "public", "private":
	default:
		return nil, invalidParameterValue("Value (%s) for parameter connectivityType is invalid. Valid values: public, private", conn)
	}
	allocID := p.Get("AllocationId")
	if conn == "public" && allocID == "" {
		return nil, awsapi.BadRequest("MissingParameter", "The request must include the AllocationId parameter. Add the required parameter and retry the request.")
	}
	if conn == "private" && allocID != "" {
		return nil, invalidParameterCombination("An Elastic IP address cannot be associated with a private NAT gateway.")
	}
	tags, err := tagSpecs(p, "natgateway")
	if err != nil {
		return nil, err
	}
	token := p.Get("ClientToken")
	var n *natGateway
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		if token != "" {
			same, err := natGateways.all(tx, sc, func(x *natGateway) bool { return x.ClientToken == token })
			if err != nil || len(same) > 0 {
				if len(same) > 0 {
					n = same[0]
				}
				return err
			}
		}
		sub, err := subnets.get(tx, sc, subnetID)
		if err != nil {
			return err
		}
		var eip *address
		if allocID != "" {
			if eip, err = addresses.get(tx, sc, allocID); err != nil {
				return err
			}
			if eip.associated() {
				return awsapi.BadRequest("Resource.AlreadyAssociated", "Elastic IP address [%s] is already associated", allocID)
			}
		}
		n = &natGateway{
			base: base{ID: s.newID("nat"), Tags: tags}, SubnetID: sub.ID, VpcID: sub.VpcID,
			State: natPending, ConnectivityType: conn, Created: sc.now, ClientToken: token,
		}
		e, err := s.createENI(tx, sc, eniSpec{
			Subnet: sub, Description: "Interface for NAT Gateway " + n.ID, InterfaceType: "nat_gateway",
			PrivateIP: p.Get("PrivateIpAddress"), RequesterManaged: true,
		})
		if err != nil {
			return err
		}
		n.ENIID, n.PrivateIP = e.ID, e.PrivateIP
		if eip != nil {
			if err := s.associateAllocation(tx, sc, eip, e); err != nil {
				return err
			}
			n.AllocationID, n.AssociationID, n.PublicIP = eip.ID, eip.AssociationID, eip.PublicIP
		}
		if err := s.schedule(tx, sc, sc.now.Add(s.cfg.NatGatewayDelay), evNatReady, n.ID); err != nil {
			return err
		}
		return natGateways.put(tx, sc, n)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		ClientToken string        `xml:"clientToken,omitempty"`
		NatGateway  natGatewayXML `xml:"natGateway"`
	}{token, n.xml()}, nil
}

// natReady ends a gateway's provisioning: available, or failed when it
// is public and its VPC has no internet gateway, as AWS fails it.
func (s *Service) natReady(tx *store.Tx, sc scope, id string, at time.Time) error {
	n, ok, err := natGateways.find(tx, sc, id)
	if err != nil || !ok || n.State != natPending {
		return err
	}
	if n.ConnectivityType == "public" {
		attached, err := igws.any(tx, sc, func(g *internetGateway) bool { return g.attachedTo(n.VpcID) })
		if err != nil {
			return err
		}
		if !attached {
			n.State, n.FailureCode = natFailed, "Gateway.NotAttached"
			n.FailureMessage = "Network " + n.VpcID + " has no Internet gateway attached"
			n.Deleted = at
			if err := s.releaseNat(tx, sc, n); err != nil {
				return err
			}
			if err := s.schedule(tx, sc, at.Add(natRetention), evNatPurge, n.ID); err != nil {
				return err
			}
			return natGateways.put(tx, sc, n)
		}
	}
	n.State = natAvailable
	return natGateways.put(tx, sc, n)
}

// releaseNat gives back the gateway's Elastic IP and network interface.
func (s *Service) releaseNat(tx *store.Tx, sc scope, n *natGateway) error {
	if n.AllocationID != "" {
		if err := s.disassociateAllocation(tx, sc, n.AllocationID); err != nil {
			return err
		}
	}
	e, ok, err := enis.find(tx, sc, n.ENIID)
	if err != nil || !ok {
		return err
	}
	return s.deleteENI(tx, sc, e)
}

func (s *Service) deleteNatGateway(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "NatGatewayId")
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		n, err := natGateways.get(tx, sc, id)
		if err != nil {
			return err
		}
		switch n.State {
		case natDeleted:
			return natGateways.notFound(id)
		case natDeleting:
			return nil
		case natFailed:
			n.State = natDeleted
			return natGateways.put(tx, sc, n)
		}
		n.State, n.Deleted = natDeleting, sc.now
		if err := s.schedule(tx, sc, sc.now.Add(s.cfg.NatGatewayDelay), evNatDeleted, n.ID); err != nil {
			return err
		}
		return natGateways.put(tx, sc, n)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		ID string `xml:"natGatewayId"`
	}{id}, nil
}

func (s *Service) natDeleted(tx *store.Tx, sc scope, id string, at time.Time) error {
	n, ok, err := natGateways.find(tx, sc, id)
	if err != nil || !ok || n.State != natDeleting {
		return err
	}
	if err := s.releaseNat(tx, sc, n); err != nil {
		return err
	}
	n.State = natDeleted
	if err := s.schedule(tx, sc, at.Add(natRetention), evNatPurge, n.ID); err != nil {
		return err
	}
	return natGateways.put(tx, sc, n)
}

func (s *Service) natPurge(tx *store.Tx, sc scope, id string, _ time.Time) error {
	n, ok, err := natGateways.find(tx, sc, id)
	if err != nil || !ok || n.live() || n.State == natDeleting {
		return err
	}
	return natGateways.remove(tx, sc, id)
}
