package ec2

import (
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// vpcAttributes are the boolean attributes of a VPC by API name.
var vpcAttributes = []struct {
	name  string
	field func(v *vpc) *bool
}{
	{"EnableDnsSupport", func(v *vpc) *bool { return &v.DNSSupport }},
	{"EnableDnsHostnames", func(v *vpc) *bool { return &v.DNSHostnames }},
	{"EnableNetworkAddressUsageMetrics", func(v *vpc) *bool { return &v.NAUMetrics }},
}

func (s *Service) modifyVpcAttribute(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "VpcId")
	if err != nil {
		return nil, err
	}
	var (
		names []string
		set   func(v *vpc)
	)
	for _, a := range vpcAttributes {
		if !p.Has(a.name + ".Value") {
			continue
		}
		val, err := boolParam(p, a.name+".Value", false)
		if err != nil {
			return nil, err
		}
		field := a.field
		names = append(names, lowerFirst(a.name))
		set = func(v *vpc) { *field(v) = val }
	}
	switch len(names) {
	case 0:
		return nil, invalidParameterCombination("No attributes specified.")
	case 1:
	default:
		return nil, invalidParameterCombination("Fields for multiple attribute types specified: %s", strings.Join(names, ", "))
	}
	err = s.update(r, func(tx *store.Tx, sc scope) error {
		v, err := vpcs.get(tx, sc, id)
		if err != nil {
			return err
		}
		set(v)
		return vpcs.put(tx, sc, v)
	})
	if err != nil {
		return nil, err
	}
	return returnTrue, nil
}

type vpcAttributeResult struct {
	VpcID        string    `xml:"vpcId"`
	DNSSupport   *attrBool `xml:"enableDnsSupport,omitempty"`
	DNSHostnames *attrBool `xml:"enableDnsHostnames,omitempty"`
	NAUMetrics   *attrBool `xml:"enableNetworkAddressUsageMetrics,omitempty"`
}

func (s *Service) describeVpcAttribute(r *awsapi.Request, p awsapi.Params) (any, error) {
	id, err := required(p, "VpcId")
	if err != nil {
		return nil, err
	}
	attr, err := required(p, "Attribute")
	if err != nil {
		return nil, err
	}
	var v *vpc
	if err := s.view(r, func(tx *store.Tx, sc scope) error {
		v, err = vpcs.get(tx, sc, id)
		return err
	}); err != nil {
		return nil, err
	}
	out := vpcAttributeResult{VpcID: v.ID}
	switch attr {
	case "enableDnsSupport":
		out.DNSSupport = &attrBool{v.DNSSupport}
	case "enableDnsHostnames":
		out.DNSHostnames = &attrBool{v.DNSHostnames}
	case "enableNetworkAddressUsageMetrics":
		out.NAUMetrics = &attrBool{v.NAUMetrics}
	default:
		return nil, invalidParameterValue("Value (%s) for parameter attribute is invalid. Unknown attribute.", attr)
	}
	return out, nil
}
