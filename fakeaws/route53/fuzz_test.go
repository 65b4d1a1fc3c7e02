package route53_test

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/fakeaws/route53"
	"github.com/miekg/dns"
)

func batchXML(changes string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch><Changes>` + changes + `</Changes></ChangeBatch></ChangeResourceRecordSetsRequest>`
}

func changeXML(action, name, typ, inner string) string {
	return `<Change><Action>` + action + `</Action><ResourceRecordSet><Name>` + name + `</Name><Type>` + typ + `</Type>` + inner + `</ResourceRecordSet></Change>`
}

// FuzzChangeBatchXML feeds arbitrary bodies to ChangeResourceRecordSets:
// the service answers 200 or a 4xx error document, never panics or
// fails internally.
func FuzzChangeBatchXML(f *testing.F) {
	plain := `<TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords>`
	f.Add(batchXML(changeXML("CREATE", "www.example.com", "A", plain)))
	f.Add(batchXML(changeXML("UPSERT", `\052.example.com`, "TXT", `<TTL>60</TTL><ResourceRecords><ResourceRecord><Value>"a" "b"</Value></ResourceRecord></ResourceRecords>`)))
	f.Add(batchXML(changeXML("DELETE", "www.example.com", "A", plain)))
	f.Add(batchXML(changeXML("CREATE", "a.example.com", "A", `<AliasTarget><HostedZoneId>Z35SXDOTRQ7X7K</HostedZoneId><DNSName>lb.elb.amazonaws.com</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget>`)))
	f.Add(batchXML(changeXML("CREATE", "w.example.com", "A", `<SetIdentifier>x</SetIdentifier><Weight>10</Weight>`+plain)))
	f.Add(batchXML(changeXML("CREATE", "c.example.com", "CNAME", `<TTL>1</TTL><ResourceRecords><ResourceRecord><Value>www.example.com</Value></ResourceRecord></ResourceRecords>`)))
	f.Add(batchXML(changeXML("CREATE", "m.example.com", "MX", `<TTL>1</TTL><ResourceRecords><ResourceRecord><Value>10 (mx.example.com</Value></ResourceRecord></ResourceRecords>`)))
	f.Add(batchXML(changeXML("CREATE", "a..example.com", "A", plain)))
	f.Add(`<ChangeResourceRecordSetsRequest><ChangeBatch><Changes><Change>`)
	f.Add(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>`)
	f.Add(``)
	d := newDirect(f, route53.Config{})
	id := d.zoneOf(f)
	f.Fuzz(func(t *testing.T, body string) {
		status, resp := d.do(account, "POST", "/2013-04-01/hostedzone/"+id+"/rrset/", body)
		if status != 200 && status != 400 && status != 404 {
			t.Fatalf("status %d: %s", status, resp)
		}
		if err := wellFormed(resp); err != nil {
			t.Fatalf("answer is not XML (%v): %s", err, resp)
		}
	})
}

func wellFormed(doc string) error {
	dec := xml.NewDecoder(strings.NewReader(doc))
	for {
		if _, err := dec.Token(); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// FuzzDNSAnswer feeds arbitrary messages to the DNS server's handler: it
// never panics, and its answer packs whenever the query did.
func FuzzDNSAnswer(f *testing.F) {
	for _, q := range []struct {
		name  string
		qtype uint16
		edns  bool
	}{
		{"www.example.com.", dns.TypeA, false},
		{"x.wild.example.com.", dns.TypeANY, true},
		{"c.example.com.", dns.TypeAAAA, false},
		{"a.example.com.", dns.TypeA, true},
		{"nope.example.com.", dns.TypeMX, false},
		{`we\.ird\000.example.com.`, dns.TypeTXT, true},
		{"example.org.", dns.TypeSOA, false},
	} {
		m := new(dns.Msg)
		m.SetQuestion(q.name, q.qtype)
		if q.edns {
			m.SetEdns0(4096, true)
		}
		raw, err := m.Pack()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw, false)
		f.Add(raw, true)
	}
	f.Add([]byte{0, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0}, false)
	d := newDirect(f, route53.Config{})
	id := d.zoneOf(f)
	status, body := d.do(account, "POST", "/2013-04-01/hostedzone/"+id+"/rrset/", batchXML(
		changeXML("CREATE", "www.example.com", "A", `<TTL>300</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords>`)+
			changeXML("CREATE", `\052.wild.example.com`, "TXT", `<TTL>300</TTL><ResourceRecords><ResourceRecord><Value>"x"</Value></ResourceRecord></ResourceRecords>`)+
			changeXML("CREATE", "c.example.com", "CNAME", `<TTL>300</TTL><ResourceRecords><ResourceRecord><Value>c.example.com</Value></ResourceRecord></ResourceRecords>`)+
			changeXML("CREATE", "a.example.com", "A", `<AliasTarget><HostedZoneId>`+id+`</HostedZoneId><DNSName>www.example.com</DNSName><EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget>`)))
	if status != 200 {
		f.Fatalf("seed records: %d %s", status, body)
	}
	srv := route53.NewDNSServer(d.svc, route53.DNSConfig{})
	f.Fuzz(func(t *testing.T, raw []byte, tcp bool) {
		req := new(dns.Msg)
		if err := req.Unpack(raw); err != nil {
			return // the server drops or FORMERRs what does not unpack
		}
		resp := srv.Answer(context.Background(), req, tcp)
		if _, err := resp.Pack(); err != nil {
			if _, qerr := req.Pack(); qerr == nil {
				t.Fatalf("answer does not pack (%v) for a query that does: %v", err, req)
			}
		}
	})
}
