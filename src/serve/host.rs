//! The names the preview answers to. A web page elsewhere can point a name of its
//! own at 127.0.0.1 (DNS rebinding) and then read the preview, drafts included,
//! as if it were its own site. The browser still sends that name in the `Host`
//! header, so the preview answers only requests that name it: `127.0.0.1`,
//! `localhost` and `[::1]` with its port, the `--bind` address, and the address
//! the connection came in on (with `--bind 0.0.0.0`, the address of this computer
//! that another machine used).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use hyper::Request;
use hyper::header::HOST;

/// Why a request's host was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// No `Host` header, or more than one: 400.
    Missing,
    /// A name the preview was not started for: 403.
    Other,
}

/// The names one `serve` answers to.
#[derive(Debug, Clone, Copy)]
pub struct Names {
    /// The port it listens on.
    pub port: u16,
    /// The `--bind` address.
    pub bind: IpAddr,
}

impl Names {
    /// Checks the host a request names: the one in its target when the target is
    /// a whole address (`GET http://host/ HTTP/1.1`), else its `Host` header.
    /// `local` is the address the connection came in on.
    pub fn check<B>(&self, request: &Request<B>, local: IpAddr) -> Result<(), Refusal> {
        let named = match request.uri().authority() {
            Some(authority) => authority.as_str().to_string(),
            None => {
                let mut hosts = request.headers().get_all(HOST).iter();
                let (Some(host), None) = (hosts.next(), hosts.next()) else {
                    return Err(Refusal::Missing);
                };
                host.to_str().map_err(|_| Refusal::Other)?.to_string()
            }
        };
        if self.answers(&named, local) {
            Ok(())
        } else {
            Err(Refusal::Other)
        }
    }

    /// True when `host` (`name` or `name:port`) is one of the preview's names.
    fn answers(&self, host: &str, local: IpAddr) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = match host.strip_prefix('[') {
            // [::1]:1111
            Some(rest) => match rest.split_once(']') {
                Some((name, "")) => (name, None),
                Some((name, port)) => match port.strip_prefix(':') {
                    Some(port) => (name, Some(port)),
                    None => return false,
                },
                None => return false,
            },
            None => match host.split_once(':') {
                Some((name, port)) => (name, Some(port)),
                None => (host.as_str(), None),
            },
        };
        // A browser leaves the port out only when it is 80, the default.
        let port_ok = match port {
            Some(port) => {
                !port.is_empty()
                    && port.bytes().all(|b| b.is_ascii_digit())
                    && port.parse::<u16>() == Ok(self.port)
            }
            None => self.port == 80,
        };
        if !port_ok {
            return false;
        }
        if name == "localhost" {
            return true;
        }
        // An address in brackets is IPv6; one without, IPv4.
        let address: Option<IpAddr> = if host.starts_with('[') {
            name.parse::<Ipv6Addr>().ok().map(IpAddr::from)
        } else {
            name.parse::<Ipv4Addr>().ok().map(IpAddr::from)
        };
        let Some(address) = address.map(|a| a.to_canonical()) else {
            return false;
        };
        address == IpAddr::from(Ipv4Addr::LOCALHOST)
            || address == IpAddr::from(Ipv6Addr::LOCALHOST)
            || (!self.bind.is_unspecified() && address == self.bind.to_canonical())
            || address == local.to_canonical()
    }

    /// The address to open the preview at, for messages.
    pub fn address(&self) -> String {
        match self.bind {
            IpAddr::V4(v4) if !v4.is_unspecified() => format!("http://{v4}:{}/", self.port),
            IpAddr::V6(v6) if !v6.is_unspecified() => format!("http://[{v6}]:{}/", self.port),
            _ => format!("http://127.0.0.1:{}/", self.port),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    fn names(bind: &str) -> Names {
        Names {
            port: 1111,
            bind: bind.parse().unwrap(),
        }
    }

    fn check(names: &Names, host: Option<&str>, local: IpAddr) -> Result<(), Refusal> {
        let mut request = Request::builder().uri("/dogs/");
        if let Some(host) = host {
            request = request.header(HOST, host);
        }
        names.check(&request.body(()).unwrap(), local)
    }

    #[test]
    fn the_loopback_names_with_the_port_are_answered() {
        let names = names("127.0.0.1");
        for host in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LocalHost:1111",
            "[::1]:1111",
        ] {
            assert_eq!(check(&names, Some(host), LOOPBACK), Ok(()), "{host}");
        }
    }

    #[test]
    fn every_other_name_is_refused() {
        let names = names("127.0.0.1");
        for host in [
            "evil.example:1111",
            "evil.example",
            "localhost",
            "127.0.0.1",
            "127.0.0.1:1112",
            "127.0.0.1:01111x",
            "127.0.0.1:",
            "localhost.:1111",
            "127.0.0.1.evil.example:1111",
            "localhost.evil.example:1111",
            "127.0.0.2:1111",
            "[::1]",
            "[::1]x:1111",
            "[::1:1111",
            "::1:1111",
            "[127.0.0.1]:1111",
            "0x7f000001:1111",
            "127.1:1111",
            "user@127.0.0.1:1111",
            "",
        ] {
            assert_eq!(
                check(&names, Some(host), LOOPBACK),
                Err(Refusal::Other),
                "{host}"
            );
        }
        assert_eq!(check(&names, None, LOOPBACK), Err(Refusal::Missing));
    }

    #[test]
    fn a_whole_address_in_the_request_line_is_checked_too() {
        let names = names("127.0.0.1");
        let request = Request::builder()
            .uri("http://evil.example:1111/dogs/")
            .header(HOST, "127.0.0.1:1111")
            .body(())
            .unwrap();
        assert_eq!(names.check(&request, LOOPBACK), Err(Refusal::Other));
        let twice = Request::builder()
            .uri("/")
            .header(HOST, "127.0.0.1:1111")
            .header(HOST, "evil.example:1111")
            .body(())
            .unwrap();
        assert_eq!(names.check(&twice, LOOPBACK), Err(Refusal::Missing));
    }

    #[test]
    fn the_bind_address_and_the_address_used_are_answered() {
        let lan: IpAddr = "192.168.1.5".parse().unwrap();
        let bound = names("192.168.1.5");
        assert_eq!(check(&bound, Some("192.168.1.5:1111"), lan), Ok(()));
        assert_eq!(
            check(&bound, Some("evil.example:1111"), lan),
            Err(Refusal::Other)
        );
        // Every address: the one another machine used, and no other.
        let every = names("0.0.0.0");
        assert_eq!(check(&every, Some("192.168.1.5:1111"), lan), Ok(()));
        assert_eq!(
            check(&every, Some("192.168.1.6:1111"), lan),
            Err(Refusal::Other)
        );
        assert_eq!(
            check(&every, Some("0.0.0.0:1111"), LOOPBACK),
            Err(Refusal::Other)
        );
        let mapped: IpAddr = "::ffff:192.168.1.5".parse().unwrap();
        assert_eq!(
            check(&names("::"), Some("192.168.1.5:1111"), mapped),
            Ok(())
        );
        // Port 80 may be left out, as browsers do.
        let web = Names {
            port: 80,
            bind: LOOPBACK,
        };
        assert_eq!(check(&web, Some("localhost"), LOOPBACK), Ok(()));
        assert_eq!(check(&web, Some("127.0.0.1:80"), LOOPBACK), Ok(()));
    }

    #[test]
    fn the_address_to_open_is_the_bound_one() {
        assert_eq!(names("127.0.0.1").address(), "http://127.0.0.1:1111/");
        assert_eq!(names("0.0.0.0").address(), "http://127.0.0.1:1111/");
        assert_eq!(names("::1").address(), "http://[::1]:1111/");
    }
}
