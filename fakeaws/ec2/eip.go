package ec2

import (
	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// address is an Elastic IP, keyed by its allocation ID.
type address struct {
	base
	OwnerID       string `json:"owner"`
	PublicIP      string `json:"publicIp"`
	Domain        string `json:"domain"`
	AssociationID string `json:"associationId,omitempty"`
	InstanceID    string `json:"instance,omitempty"`
	ENIID         string `json:"eni,omitempty"`
	ENIOwnerID    string `json:"eniOwner,omitempty"`
	PrivateIP     string `json:"privateIp,omitempty"`
}

var addresses = &table[address, *address]{
	kind: "addresses", prefix: "eipalloc", resourceType: "elastic-ip", noun: "allocation",
	notFoundCode: "InvalidAllocationID.NotFound", malformedCode: "InvalidAllocationID.Malformed",
}

func (a *address) associated() bool { return a.AssociationID != "" }

type addressXML struct {
	AllocationID       string  `xml:"allocationId"`
	PublicIP           string  `xml:"publicIp"`
	Domain             string  `xml:"domain"`
	PublicIPv4Pool     string  `xml:"publicIpv4Pool"`
	NetworkBorderGroup string  `xml:"networkBorderGroup"`
	AssociationID      string  `xml:"associationId,omitempty"`
	InstanceID         string  `xml:"instanceId,omitempty"`
	ENIID              string  `xml:"networkInterfaceId,omitempty"`
	ENIOwnerID         string  `xml:"networkInterfaceOwnerId,omitempty"`
	PrivateIP          string  `xml:"privateIpAddress,omitempty"`
	Tags               tagsXML `xml:"tagSet"`
}

func (a *address) xml(sc scope) addressXML {
	return addressXML{
		AllocationID: a.ID, PublicIP: a.PublicIP, Domain: a.Domain, PublicIPv4Pool: "amazon",
		NetworkBorderGroup: sc.region, AssociationID: a.AssociationID, InstanceID: a.InstanceID,
		ENIID: a.ENIID, ENIOwnerID: a.ENIOwnerID, PrivateIP: a.PrivateIP, Tags: tagSet(a.Tags),
	}
}

func (s *Service) allocateAddress(r *awsapi.Request, p awsapi.Params) (any, error) {
	switch d := p.Get("Domain"); d {
	case "", "vpc":
	default:
		return nil, invalidParameterValue("Value (%s) for parameter domain is invalid. Valid values: vpc", d)
	}
	if want := p.Get("Address"); want != "" {
		return nil, invalidParameterValue("The address %s is not in an address pool you own", want)
	}
	tags, err := tagSpecs(p, "elastic-ip")
	if err != nil {
		return nil, err
	}
	var (
		a  *address
		sc scope
	)
	err = s.update(r, func(tx *store.Tx, tsc scope) error {
		sc = tsc
		n, err := addresses.bucket(tx, sc).Count("")
		if err != nil {
			return err
		}
		if n >= s.cfg.elasticIPLimit() {
			return awsapi.BadRequest("AddressLimitExceeded", "The maximum number of addresses has been reached.")
		}
		a = &address{base: base{ID: s.newID("eipalloc"), Tags: tags}, OwnerID: sc.account, Domain: "vpc"}
		if a.PublicIP, err = s.allocatePublicIP(tx, sc.account+"/"+sc.region+"/"+a.ID); err != nil {
			return err
		}
		return addresses.put(tx, sc, a)
	})
	if err != nil {
		return nil, err
	}
	x := a.xml(sc)
	return struct {
		AllocationID       string `xml:"allocationId"`
		PublicIP           string `xml:"publicIp"`
		Domain             string `xml:"domain"`
		PublicIPv4Pool     string `xml:"publicIpv4Pool"`
		NetworkBorderGroup string `xml:"networkBorderGroup"`
	}{x.AllocationID, x.PublicIP, x.Domain, x.PublicIPv4Pool, x.NetworkBorderGroup}, nil
}

// addressByIP finds the Elastic IP with a public address.
func addressByIP(tx *store.Tx, sc scope, ip string) (*address, error) {
	found, err := addresses.all(tx, sc, func(a *address) bool { return a.PublicIP == ip })
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return nil, awsapi.BadRequest("InvalidAddress.NotFound", "Address '%s' not found.", ip)
	}
	return found[0], nil
}

func (s *Service) releaseAddress(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, ip := p.Get("AllocationId"), p.Get("PublicIp")
	if id == "" && ip == "" {
		return nil, missingParameter("AllocationId")
	}
	err := s.update(r, func(tx *store.Tx, sc scope) error {
		var (
			a   *address
			err error
		)
		if id != "" {
			a, err = addresses.get(tx, sc, id)
		} else {
			a, err = addressByIP(tx, sc, ip)
		}
		if err != nil {
			return err
		}
		if a.associated() {
			return awsapi.BadRequest("InvalidIPAddress.InUse", "Address %s is in use.", a.PublicIP)
		}
		if err := s.releasePublicIP(tx, a.PublicIP); err != nil {
			return err
		}
		return addresses.remove(tx, sc, a.ID)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

// associateAllocation maps an Elastic IP to the primary address of a
// network interface (and its instance, if any).
func (s *Service) associateAllocation(tx *store.Tx, sc scope, a *address, e *networkInterface) error {
	a.AssociationID = s.newID("eipassoc")
	a.ENIID, a.ENIOwnerID, a.PrivateIP = e.ID, e.OwnerID, e.PrivateIP
	if e.Attachment != nil {
		a.InstanceID = e.Attachment.InstanceID
	}
	e.Association = &eniAssociation{PublicIP: a.PublicIP, AllocationID: a.ID, AssociationID: a.AssociationID, IPOwnerID: a.OwnerID}
	if err := enis.put(tx, sc, e); err != nil {
		return err
	}
	return addresses.put(tx, sc, a)
}

// disassociateAllocation unmaps an Elastic IP from its network interface.
func (s *Service) disassociateAllocation(tx *store.Tx, sc scope, allocationID string) error {
	a, ok, err := addresses.find(tx, sc, allocationID)
	if err != nil || !ok {
		return err
	}
	if e, ok, err := enis.find(tx, sc, a.ENIID); err != nil {
		return err
	} else if ok && e.Association != nil && e.Association.AllocationID == a.ID {
		e.Association = nil
		if err := enis.put(tx, sc, e); err != nil {
			return err
		}
	}
	a.AssociationID, a.InstanceID, a.ENIID, a.ENIOwnerID, a.PrivateIP = "", "", "", "", ""
	return addresses.put(tx, sc, a)
}

func addressFilters(sc scope) filterSpec[*address] {
	return filterSpec[*address]{
		"allocation-id":              func(a *address) []string { return one(a.ID) },
		"association-id":             func(a *address) []string { return one(a.AssociationID) },
		"domain":                     func(a *address) []string { return one(a.Domain) },
		"instance-id":                func(a *address) []string { return one(a.InstanceID) },
		"network-interface-id":       func(a *address) []string { return one(a.ENIID) },
		"network-interface-owner-id": func(a *address) []string { return one(a.ENIOwnerID) },
		"private-ip-address":         func(a *address) []string { return one(a.PrivateIP) },
		"public-ip":                  func(a *address) []string { return one(a.PublicIP) },
		"public-ipv4-pool":           func(a *address) []string { return one("amazon") },
		"network-border-group":       func(a *address) []string { return one(sc.region) },
	}
}

func (s *Service) describeAddresses(r *awsapi.Request, p awsapi.Params) (any, error) {
	ids, ips := p.List("AllocationId"), p.List("PublicIp")
	fs, err := parseFilters(p)
	if err != nil {
		return nil, err
	}
	var out []addressXML
	err = s.view(r, func(tx *store.Tx, sc scope) error {
		match, err := compileFilters(fs, addressFilters(sc), recordTags[*address])
		if err != nil {
			return err
		}
		found, _, err := addresses.describe(tx, sc, ids, match, page{})
		if err != nil {
			return err
		}
		if len(ips) > 0 {
			wanted := setOf(ips)
			for _, ip := range dedupe(ips) {
				if _, err := addressByIP(tx, sc, ip); err != nil {
					return err
				}
			}
			kept := found[:0]
			for _, a := range found {
				if wanted[a.PublicIP] {
					kept = append(kept, a)
				}
			}
			found = kept
		}
		for _, a := range found {
			out = append(out, a.xml(sc))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return struct {
		Addresses items[addressXML] `xml:"addressesSet"`
	}{itemsOf(out)}, nil
}
