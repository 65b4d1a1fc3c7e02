package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type associationResult struct {
	AssociationID string         `xml:"associationId"`
	State         cidrBlockState `xml:"associationState"`
}

func (s *Service) associateRouteTable(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "RouteTableId")
	if err != nil {
		return nil, err
	}
	subnetID, gatewayID := p.Get("SubnetId"), p.Get("GatewayId")
	switch {
	case subnetID == "" && gatewayID == "":
		return nil, missingParameter("SubnetId")
	case subnetID != "" && gatewayID != "":
		return nil, invalidParameterCombination("The parameters subnetId and gatewayId are mutually exclusive")
	}
	var assoc rtAssoc
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		t, err := routeTables.get(tx, sc, id)
		if err != nil {
			return err
		}
		if subnetID != "" {
			sub, err := subnets.get(tx, sc, subnetID)
			if err != nil {
				return err
			}
			if sub.VpcID != t.VpcID {
				return invalidParameterValue("Route table %s and subnet %s belong to different networks.", id, subnetID)
			}
		} else {
			g, err := igws.get(tx, sc, gatewayID)
			if err != nil {
				return err
			}
			if !g.attachedTo(t.VpcID) {
				return differentNetworks(t, gatewayID)
			}
		}
		taken, err := routeTables.any(tx, sc, func(o *routeTable) bool {
			for _, a := range o.Assocs {
				if (subnetID != "" && a.SubnetID == subnetID) || (gatewayID != "" && a.GatewayID == gatewayID) {
					return true
				}
			}
			return false
		})
		if err != nil {
			return err
		}
		if taken {
			return awsapi.BadRequest("Resource.AlreadyAssociated", "the specified association for route table %s conflicts with an existing association", id)
		}
		assoc = rtAssoc{ID: s.newID("rtbassoc"), SubnetID: subnetID, GatewayID: gatewayID}
		t.Assocs = append(t.Assocs, assoc)
		return routeTables.put(tx, sc, t)
	})
	if err != nil {
		return nil, err
	}
	return associationResult{assoc.ID, cidrBlockState{"associated"}}, nil
}

// findAssociation finds the table holding an association.
func findAssociation(tx *store.Tx, sc scope, id string) (*routeTable, int, error) {
	var (
		found *routeTable
		at    int
	)
	err := routeTables.each(tx, sc, func(t *routeTable) (bool, error) {
		for i, a := range t.Assocs {
			if a.ID == id {
				found, at = t, i
				return false, nil
			}
		}
		return true, nil
	})
	if err != nil {
		return nil, 0, err
	}
	if found == nil {
		return nil, 0, awsapi.BadRequest("InvalidAssociationID.NotFound", "The association ID '%s' does not exist", id)
	}
	return found, at, nil
}

func (s *Service) disassociateRouteTable(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "AssociationId")
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		t, i, err := findAssociation(tx, sc, id)
		if err != nil {
			return err
		}
		if t.Assocs[i].Main {
			return invalidParameterValue("cannot disassociate the main route table association %s", id)
		}
		t.Assocs = append(t.Assocs[:i], t.Assocs[i+1:]...)
		return routeTables.put(tx, sc, t)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

// replaceRouteTableAssociation moves an association (a subnet's, or the
// main one) to another table of the same VPC under a new ID.
func (s *Service) replaceRouteTableAssociation(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "AssociationId")
	if err != nil {
		return nil, err
	}
	tableID, err := required(p, "RouteTableId")
	if err != nil {
		return nil, err
	}
	var moved rtAssoc
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		to, err := routeTables.get(tx, sc, tableID)
		if err != nil {
			return err
		}
		from, i, err := findAssociation(tx, sc, id)
		if err != nil {
			return err
		}
		if from.VpcID != to.VpcID {
			return invalidParameterValue("Route table %s and association %s belong to different networks.", tableID, id)
		}
		old := from.Assocs[i]
		from.Assocs = append(from.Assocs[:i], from.Assocs[i+1:]...)
		if err := routeTables.put(tx, sc, from); err != nil {
			return err
		}
		if from.ID == to.ID {
			to = from
		}
		moved = rtAssoc{ID: s.newID("rtbassoc"), SubnetID: old.SubnetID, GatewayID: old.GatewayID, Main: old.Main}
		to.Assocs = append(to.Assocs, moved)
		if err := routeTables.put(tx, sc, to); err != nil {
			return err
		}
		if !old.Main {
			return nil
		}
		v, err := vpcs.get(tx, sc, to.VpcID)
		if err != nil {
			return err
		}
		v.MainRouteTable = to.ID
		return vpcs.put(tx, sc, v)
	})
	if err != nil {
		return nil, err
	}
	return struct {
		NewAssociationID string         `xml:"newAssociationId"`
		State            cidrBlockState `xml:"associationState"`
	}{moved.ID, cidrBlockState{"associated"}}, nil
}
