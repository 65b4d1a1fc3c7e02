package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// disassociateAddress unmaps an Elastic IP by its association ID (VPC
// addresses have no other way). An association that no longer exists is
// InvalidAssociationID.NotFound: Terraform's aws_eip disassociates what
// its state recorded before releasing, and ignores that code, as when the
// NAT gateway that held the address was deleted first. The address of a
// NAT gateway (a requester-managed interface) stays with it until the
// gateway is deleted.
func (s *Service) disassociateAddress(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "AssociationId")
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		found, err := addresses.all(tx, sc, func(a *address) bool { return a.AssociationID == id })
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return awsapi.BadRequest("InvalidAssociationID.NotFound", "The association ID '%s' does not exist", id)
		}
		a := found[0]
		if e, ok, err := enis.find(tx, sc, a.ENIID); err != nil {
			return err
		} else if ok && e.RequesterManaged {
			return awsapi.BadRequest("InvalidIPAddress.InUse", "Address %s is in use.", a.PublicIP)
		}
		return s.disassociateAllocation(tx, sc, a.ID)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}
