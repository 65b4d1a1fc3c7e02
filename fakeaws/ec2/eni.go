package ec2

import (
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// networkInterface is an ENI. The networking half makes the ones of NAT
// gateways; instances (the compute half) make and attach their own with
// the same record, createENI and deleteENI.
type networkInterface struct {
	base
	OwnerID          string          `json:"owner"`
	SubnetID         string          `json:"subnet"`
	VpcID            string          `json:"vpc"`
	AZ               string          `json:"az"`
	AZID             string          `json:"azId"`
	Description      string          `json:"description,omitempty"`
	InterfaceType    string          `json:"type"` // interface, nat_gateway, ...
	MacAddress       string          `json:"mac"`
	PrivateIP        string          `json:"ip"`
	SecondaryIPs     []string        `json:"secondaryIps,omitempty"`
	Groups           []string        `json:"groups,omitempty"` // security group IDs
	RequesterManaged bool            `json:"requesterManaged,omitempty"`
	RequesterID      string          `json:"requesterId,omitempty"`
	SourceDestCheck  bool            `json:"sourceDestCheck"`
	Attachment       *eniAttachment  `json:"attachment,omitempty"`
	Association      *eniAssociation `json:"association,omitempty"`
	Created          time.Time       `json:"created"`
}

type eniAttachment struct {
	ID                  string    `json:"id"`
	InstanceID          string    `json:"instance"`
	InstanceOwnerID     string    `json:"instanceOwner"`
	DeviceIndex         int       `json:"deviceIndex"`
	Status              string    `json:"status"`
	AttachTime          time.Time `json:"attachTime"`
	DeleteOnTermination bool      `json:"deleteOnTermination"`
}

// eniAssociation is the Elastic IP (or public IP) of the primary address.
type eniAssociation struct {
	PublicIP      string `json:"publicIp"`
	AllocationID  string `json:"allocationId,omitempty"`
	AssociationID string `json:"associationId,omitempty"`
	IPOwnerID     string `json:"ipOwner"`
}

var enis = &table[networkInterface, *networkInterface]{
	kind: "enis", prefix: "eni", resourceType: "network-interface", noun: "networkInterface",
	notFoundCode: "InvalidNetworkInterfaceID.NotFound", malformedCode: "InvalidNetworkInterfaceId.Malformed",
}

// eniSpec is what a new network interface is made of.
type eniSpec struct {
	Subnet           *subnet
	Description      string
	InterfaceType    string // "" means interface
	PrivateIP        string // "" takes the subnet's next free address
	Groups           []string
	RequesterManaged bool
	RequesterID      string
	Tags             []Tag
}

// createENI makes a network interface in spec.Subnet with an address of
// it, and stores both.
func (s *Service) createENI(tx *store.Tx, sc scope, spec eniSpec) (*networkInterface, error) {
	typ := spec.InterfaceType
	if typ == "" {
		typ = "interface"
	}
	e := &networkInterface{
		base:    base{ID: s.newID("eni"), Tags: spec.Tags},
		OwnerID: sc.account, SubnetID: spec.Subnet.ID, VpcID: spec.Subnet.VpcID,
		AZ: spec.Subnet.AZ, AZID: spec.Subnet.AZID, Description: spec.Description, InterfaceType: typ,
		MacAddress: s.macAddress(), Groups: spec.Groups, RequesterManaged: spec.RequesterManaged,
		RequesterID: spec.RequesterID, SourceDestCheck: true, Created: sc.now,
	}
	ip, err := s.allocateIP(tx, sc, spec.Subnet, e.ID, spec.PrivateIP)
	if err != nil {
		return nil, err
	}
	e.PrivateIP = ip
	return e, enis.put(tx, sc, e)
}

// deleteENI frees the interface's addresses and removes it.
func (s *Service) deleteENI(tx *store.Tx, sc scope, e *networkInterface) error {
	sub, ok, err := subnets.find(tx, sc, e.SubnetID)
	if err != nil {
		return err
	}
	if ok {
		for _, ip := range append([]string{e.PrivateIP}, e.SecondaryIPs...) {
			if err := s.releaseIP(tx, sc, sub, ip); err != nil {
				return err
			}
		}
	}
	return enis.remove(tx, sc, e.ID)
}

func (s *Service) macAddress() string {
	h := s.env.IDs.Hex(10)
	return "0e:" + h[0:2] + ":" + h[2:4] + ":" + h[4:6] + ":" + h[6:8] + ":" + h[8:10]
}

// privateDNSName is the name EC2 gives an address: ip-10-0-1-5.ec2.internal.
func privateDNSName(region, ip string) string {
	if ip == "" {
		return ""
	}
	host := "ip-" + strings.ReplaceAll(ip, ".", "-")
	if region == "us-east-1" {
		return host + ".ec2.internal"
	}
	return host + "." + region + ".compute.internal"
}

// publicDNSName is the public name of a public address, "" outside AWS's
// own ranges (which fakeaws's documentation addresses are).
func publicDNSName(region, ip string) string {
	if ip == "" {
		return ""
	}
	host := "ec2-" + strings.ReplaceAll(ip, ".", "-")
	if region == "us-east-1" {
		return host + ".compute-1.amazonaws.com"
	}
	return host + "." + region + ".compute.amazonaws.com"
}

func (s *Service) deleteNetworkInterface(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "NetworkInterfaceId")
	if err != nil {
		return nil, err
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		e, err := enis.get(tx, sc, id)
		if err != nil {
			return err
		}
		if e.Attachment != nil || e.RequesterManaged {
			return awsapi.BadRequest("InvalidNetworkInterface.InUse", "The network interface '%s' is currently in use.", id)
		}
		if e.Association != nil && e.Association.AllocationID != "" {
			if err := s.disassociateAllocation(tx, sc, e.Association.AllocationID); err != nil {
				return err
			}
		}
		return s.deleteENI(tx, sc, e)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}
