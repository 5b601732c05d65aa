/// Test keys generated with Python cryptography: six private signing keys (RSA-2048 RS256 and
/// PS256, EC P-256/384/521, Ed25519), the same keys as PEM, and an RSA-1024 key.
enum JOSETestKeyMaterial {
  static let privateJWKS = """
    {"keys":[
    {"kty":"RSA","kid":"rsa-rs256","use":"sig","alg":"RS256","n":"tJuLXLKL-ELtu_PNeOK32IaZaXp1LaxyRRoZOVQiuJQ8HN-hS5ueJsS4aaD8eNi5nLk0v4e2VGKr1xNxopwV8JaCbcZkmgKp6VXgOh_uyTXP_LEkeVuIDkqOJT_1tQhrj7M_k79fHwdokjhqXtpjQWbveqIduO-aUahGOXZ7johOBSMwdaMg6kKSjYlsn5HZyMbhX93y19xbXWfR7lU9ZLD7EllN1luNX9BQdNOFYTAI765GvThMvGqmBAFjgAAts_aoZgavAKXW8YBWv8NR-qlWFgNhUBh6HrhHjdoQIOeGAjtsr1qbhuDxz48dm72fs44tj_v9JEitmEChUPYikw","e":"AQAB","d":"WNDPEVhaXc1oBJBJ4KM5fpj-c3D9k-bkUNgbRGZ8JqH7B8Xvl3NhLDZ8a7F3xuPpL0mix3dxMgFN-Rf-P1WbsnMJk_tGuLgLn4wUFvFiJ3-3ls_0HFvnRgPi8C2KYqrP3lxrLPikyekGQzXMFXY27lA0_20eybXGgVaLpjF-ZGIO0a5yMEyFNdosqrpd5OHsqke3zW5El_-dOuWHux_FuMvXRDA0Pl3T7RSmyWY4miq5NL4xBREW09W0tgImY9l1rcJwUUY397GLopPs8SrlgaosAxzkK1BBe4eKFu043VlzZvzUAiUS2hgoe5teYwnebXADnWfJuJkKHJHjSb2viQ","p":"3LVFtN0MMMu9metWhMdz1cS1RdMIZ7V60PVMWDdBV0aQp5aRDQT3tfdDJKSjtV1u__aATO90EhhaCDmjcOUrsE7NawqR-3N8-eG114qWeMGnCa_PHYUnXEdEZN3pjaiuCiYWmS94DW_6J_Nj83zbtb2f8sS1kkmqh2AO-VLFB5s","q":"0XzAIytlSNGhHz8kVCkn8cS_9kLep3xYTwnbtbKV9ZxJ9NK-2VEBlKtw8hzjE5TCj6jt8F-AQl7LlsJNO1p0dZXOB8UrMT0WWFox-lLneXlSAP3Na8H6fL7jThCWPWoF_1l5neL4A4qbcyo7fO8dEFYQiUlEpyoLZkXzpOfsTGk","dp":"N8CGwkBQcwcUdwwux83GYgqVq_S6G9CJHL3KMkKK--v0YJE1RO-rT0kNqfT48biPcJMpJ8YZMPT70TYWJk-NsLTHSTHbXIR43np4v-DfT9PDSTwi-pcHMVVDXqN7-u_QPvoOHVYTYnmV3H-sEPbKXWdwPxgXscNwE1Bdl_ejk98","dq":"WPU2yjiFXDTYzOINVUfc1IgOVE71Kf5dqcKv8CqUD6Z8qWBM9w-1MiLTZZzquMf1DvhXgjmrx4NlxPFhxpCU39HrmdUakGA2evJiQsCt1yGztwQQFXBcJFkTQXU9t3qsbVDbmjZlx2s2s-L9PAJ2PxetEf9xDeOGz7loy2BJMfE","qi":"laxKiRYBOISJNsNDSBSA1ZoIoaVCbonU7BtSL8G15Ym3gP8M7yhiRdssFtlR9UX6LTvkfND3bJk6aVk3yoEU3SJ0zk8Cdc7A-5bokFL6wTZiwPrmqK_LcIrsy_imC69xDqdhL5jDVmFBohzvlBEL8wMXMK2lNotaZH2lBHnrEfc"},
    {"kty":"RSA","kid":"rsa-ps256","use":"sig","alg":"PS256","n":"1z4c4D601rZ7wEspdq2dPUfVdQJBefHWkdy5XOzkv_eM-5unsG5vAIpKOKwucuCRTmlwt59JBF2e11adMCm4WWdqdUkTxx0FBCZMD8xqoadYQml3yg4T_UpxDhwWblkSGxRB9qudsei4brNoisaScIC5Lwt55qBf8aOr1GJcguwl7EvbSJMygVFksYrxCcqR9L7LaYnVkU7Qy6muzIspRjPoMby5Ni6D3SkCaWS5hFUEbMi4xdyTHmrqkWoAWatTCgzTAh57PAT13a2m2P30ePMf2MJPm2pLsRZvRltXoOKK2hqR-KZjv2f4Wq3hc0sqD-tKvtVMZxbYweI1tMS_BQ","e":"AQAB","d":"O2Dbt3MlETybTBOQFzjS8WZhORvLs1fngSq6iiuh-WFR59Frg80bWzNLQXIiiDdybobA_S74hjdLjA1NZM2FmUhhwoRL6_iR-zCTeCJE4l6Xhw6waLHUiuIf6SwPdhalW4oNnn5-jOduBcABnZMlL9sa-yL32IsynKcxzm_qJIV-ZDScCi64QqipDjmLnK_6-iZ6QlKwLEowuLhmXH7GbwAxOSnTY2mVIYRcDKoK3S4cDLVj0KzhGfbFYvL_0sAVnrHoil26lMoPfKs1ar2kOa_ZcVfZeOs8Kkh7a5FwH_cpgVTz8bzHwXkp5gOevNWG07F8lEmdD2umWGJ7WwpFKw","p":"8r89UaW22TB764ZJajAEeREW3P0lm9lWBFP8yLf2ioHPY2aGRMwAabOptytQUWHmV6nTJdUnbKFdue9ngw0aCx9t8CB95bhvha8-Ozd_h9EfrT8KFmQKVGeIiVqvqSErSKYGtS0ynZm76x-5iRwR6u5lGVz1zwCCuFX2talQDgM","q":"4v51Dq76TfRO_Rp7feJhsEaTgA0uuvCyjzbF02JO5h74adfHW203vowrTDgcL-c7Js5zYeeD5if7YRO8HnmpCu8Q_u2EgZHgPWppst5xgROGAarMlKYO5LzloO8T-qh6PrTBGjA82UQm5VU2naycHxPQLGMb98-Ix-4dE6_9VFc","dp":"OMZBsTbw7RtJ4Gwn_437fdVhY45RnYHXfGuoU8my__Icb0MrZCvSbOZ4az7WKjKbjSVLHS4damrTYQl9TElkLfXL4L24tGHOs5WpGHCCg2GF5x83XMVJJTSR2o47R3NajENIjldj3zh1myhwXIEUL75SJvx3AVM9P5_bc-GFt8E","dq":"ja6ZzeJ1pXaaXuzKq9ZDd011_3U698AJE87yR3CTIpuuHhJrAqv3IV5IIDjdjyDbEOvHpRJmh5_pDbzNrI_vbT2u9A-4p08wEeV7uAOUASb4e83qB9ZmcWteQMc5RzklpEIaTYhSUqJxTK-VeXEluVgalbn-2PyWuYPsbj9o9d0","qi":"x0R5tnZ9yyICJqolMSohpLaHkoyKr4ffNRfN-D17eKUQS2ebdA9_hdcOt1OCugTpLFmquWC8QXJSy-8ZJbQ3ov4VIergiu0PnF2mi9vq-BHbFpjXrk24jV-x18E87y8a9DNv-hM1X-A2DT2RWh6MP_BvExYNJejLjGzcJ87MtNA"},
    {"kty":"EC","kid":"ec-p256","use":"sig","alg":"ES256","crv":"P-256","x":"XoVHdO8X-1mS-EJxNIuAxO7ha2P8G7m8pfPDNjF6dUM","y":"1WKXUXavky_KB3hahnY3CmQYOBTrxg8cMk8FeoiaC78","d":"Cxf1vu-QPUfCb5BwooZj7qkQMOpD_2_ny09bV-fR3bY"},
    {"kty":"EC","kid":"ec-p384","use":"sig","alg":"ES384","crv":"P-384","x":"KrbEJwAcZzcL6T-2sVox6YsODFQ3Q9lt0WpNPr2mYjdgZrpTRA26u1TqjBQFqW0F","y":"22nLhhr7U6GkyygaqVa-952Dm4AqVSOFLbbFJXU9J1mKOS63gf95o_ni4lkWFBQG","d":"vI7YuMTmFXMS_7KQufYB1AzkehBKUDS1a-drOZbkZ-QwuSyG0Z88oz-t9jplZUe8"},
    {"kty":"EC","kid":"ec-p521","use":"sig","alg":"ES512","crv":"P-521","x":"APYwWI7nsvix1iBglQ1kFfTKlN5smh0CtFlo9HxvaHsbVbNR2X2v7WUm7w5N021qShapu3i-PIP6EUGqz_zB8yRK","y":"AKPxHxUZUGmMTxRixhbe9jz8yUb6VjpW9w5ZLC1EQ7cGlY88m9DiKEwryInzNM7kNnUAdZ_ju7AtN9OCXoNCC2h2","d":"AMz9k6DVoYFSjfjZ8nSiCZ5xfauboZRvWXsqDOjZcAnrokFnJ015Sz3y8IfCPvhLJhUmfHpe2msoUq23cB0LNOEx"},
    {"kty":"OKP","kid":"okp-ed25519","use":"sig","alg":"EdDSA","crv":"Ed25519","x":"8W2DEB8NTPI5mLcZH2EwM6FE9Vl9cvpun2ZaK3ZOVGs","d":"AC1G2rPPLi74ejh6ZApx-3EYiIy2npp3KiiuIrUkV5U"}
    ]}
    """

  static let rsa1024JWK = """
    {"kty":"RSA","kid":"rsa-1024","use":"sig","alg":"RS256","n":"nX_eFYQGcBthrdswEWFqU4JbZzepzaTaIfTK3aLnnbkBVGb7oQkLHM8fys3nUBDsEcqgTJ0DMFatBa0dFf5CizGyO0IHN6MKjk66FxHA_I9Gb53uAa1zC08X3AdEVPuBHqWn5dGF66RfUF2sbSE24K58FXSJuTI_wN6wWjreaBU","e":"AQAB","d":"e6BMwHK7Yu_7Qi5Ukq_2d8pQ2Lo2jPajShgNzN78Ey-OvaOATCz_DgP-nn_020INKwHzxW9Re3XtphD2Tbcgn0pVK8wQne2cztGK01h3T19UanG159IQLnj6wZx0YNqGduOShg7dg5Do-Ei_WICngyYJGEYgHuE5MZ6gBcikogE","p":"0HsslRjRKCwq0Lszij4zCbo5sH1MsEEHecT8IpZIxDEqugW35YastUYX0JDeK8WhTa9MSJq65E7NWbaHBRhlQQ","q":"wWXs1tneDbsab4u1cNMoesojmn2WpIO3VD9nVkhxAVInw-Tvii54cKdLHWhPNcc44Y9k-qUCD1tN6cBYPOrp1Q","dp":"Bdme-6QRom3y2Z6XKKbsKba3DbPGZh-9BPa5GINdEVxL1aJ5cZBg4klQO8ME6PeHujVUD6l_2w43BvBvQ35WwQ","dq":"L8R4Af0f3m5XMjPkpbBR8DobHx5j5dBuqI1cfbA40SW0kqrqC0w9DT4UzHemENdbEkMzosC8yIQ5s0GBydIP3Q","qi":"jRC3jT6w3ZfxQujzpIA_GbYv-_cDJWAQWp7fPkMBj31KoCBWIo1BSzgDAgNWF37vnIPcPpRas8mes-HTAcI5LA"}
    """

  /// PEM files by name: `<kid>-pkcs8`, `-spki`, `-pkcs1`, `-pkcs1-public` (RSA), `-sec1` (EC).
  static let pem: [String: String] = [
    "ec-p256-pkcs8": """
    -----BEGIN PRIVATE KEY-----
    MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgCxf1vu+QPUfCb5Bw
    ooZj7qkQMOpD/2/ny09bV+fR3bahRANCAARehUd07xf7WZL4QnE0i4DE7uFrY/wb
    ubyl88M2MXp1Q9Vil1F2r5Mvygd4WoZ2NwpkGDgU68YPHDJPBXqImgu/
    -----END PRIVATE KEY-----
    """,
    "ec-p256-sec1": """
    -----BEGIN EC PRIVATE KEY-----
    MHcCAQEEIAsX9b7vkD1Hwm+QcKKGY+6pEDDqQ/9v58tPW1fn0d22oAoGCCqGSM49
    AwEHoUQDQgAEXoVHdO8X+1mS+EJxNIuAxO7ha2P8G7m8pfPDNjF6dUPVYpdRdq+T
    L8oHeFqGdjcKZBg4FOvGDxwyTwV6iJoLvw==
    -----END EC PRIVATE KEY-----
    """,
    "ec-p256-spki": """
    -----BEGIN PUBLIC KEY-----
    MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEXoVHdO8X+1mS+EJxNIuAxO7ha2P8
    G7m8pfPDNjF6dUPVYpdRdq+TL8oHeFqGdjcKZBg4FOvGDxwyTwV6iJoLvw==
    -----END PUBLIC KEY-----
    """,
    "ec-p384-pkcs8": """
    -----BEGIN PRIVATE KEY-----
    MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDC8jti4xOYVcxL/spC5
    9gHUDOR6EEpQNLVr52s5luRn5DC5LIbRnzyjP632OmVlR7yhZANiAAQqtsQnABxn
    NwvpP7axWjHpiw4MVDdD2W3Rak0+vaZiN2BmulNEDbq7VOqMFAWpbQXbacuGGvtT
    oaTLKBqpVr73nYObgCpVI4UttsUldT0nWYo5LreB/3mj+eLiWRYUFAY=
    -----END PRIVATE KEY-----
    """,
    "ec-p384-sec1": """
    -----BEGIN EC PRIVATE KEY-----
    MIGkAgEBBDC8jti4xOYVcxL/spC59gHUDOR6EEpQNLVr52s5luRn5DC5LIbRnzyj
    P632OmVlR7ygBwYFK4EEACKhZANiAAQqtsQnABxnNwvpP7axWjHpiw4MVDdD2W3R
    ak0+vaZiN2BmulNEDbq7VOqMFAWpbQXbacuGGvtToaTLKBqpVr73nYObgCpVI4Ut
    tsUldT0nWYo5LreB/3mj+eLiWRYUFAY=
    -----END EC PRIVATE KEY-----
    """,
    "ec-p384-spki": """
    -----BEGIN PUBLIC KEY-----
    MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAEKrbEJwAcZzcL6T+2sVox6YsODFQ3Q9lt
    0WpNPr2mYjdgZrpTRA26u1TqjBQFqW0F22nLhhr7U6GkyygaqVa+952Dm4AqVSOF
    LbbFJXU9J1mKOS63gf95o/ni4lkWFBQG
    -----END PUBLIC KEY-----
    """,
    "ec-p521-pkcs8": """
    -----BEGIN PRIVATE KEY-----
    MIHuAgEAMBAGByqGSM49AgEGBSuBBAAjBIHWMIHTAgEBBEIAzP2ToNWhgVKN+Nny
    dKIJnnF9q5uhlG9ZeyoM6NlwCeuiQWcnTXlLPfLwh8I++EsmFSZ8el7aayhSrbdw
    HQs04TGhgYkDgYYABAD2MFiO57L4sdYgYJUNZBX0ypTebJodArRZaPR8b2h7G1Wz
    Udl9r+1lJu8OTdNtakoWqbt4vjyD+hFBqs/8wfMkSgCj8R8VGVBpjE8UYsYW3vY8
    /MlG+lY6VvcOWSwtREO3BpWPPJvQ4ihMK8iJ8zTO5DZ1AHWf47uwLTfTgl6DQgto
    dg==
    -----END PRIVATE KEY-----
    """,
    "ec-p521-sec1": """
    -----BEGIN EC PRIVATE KEY-----
    MIHcAgEBBEIAzP2ToNWhgVKN+NnydKIJnnF9q5uhlG9ZeyoM6NlwCeuiQWcnTXlL
    PfLwh8I++EsmFSZ8el7aayhSrbdwHQs04TGgBwYFK4EEACOhgYkDgYYABAD2MFiO
    57L4sdYgYJUNZBX0ypTebJodArRZaPR8b2h7G1WzUdl9r+1lJu8OTdNtakoWqbt4
    vjyD+hFBqs/8wfMkSgCj8R8VGVBpjE8UYsYW3vY8/MlG+lY6VvcOWSwtREO3BpWP
    PJvQ4ihMK8iJ8zTO5DZ1AHWf47uwLTfTgl6DQgtodg==
    -----END EC PRIVATE KEY-----
    """,
    "ec-p521-spki": """
    -----BEGIN PUBLIC KEY-----
    MIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQA9jBYjuey+LHWIGCVDWQV9MqU3mya
    HQK0WWj0fG9oextVs1HZfa/tZSbvDk3TbWpKFqm7eL48g/oRQarP/MHzJEoAo/Ef
    FRlQaYxPFGLGFt72PPzJRvpWOlb3DlksLURDtwaVjzyb0OIoTCvIifM0zuQ2dQB1
    n+O7sC0304Jeg0ILaHY=
    -----END PUBLIC KEY-----
    """,
    "okp-ed25519-pkcs8": """
    -----BEGIN PRIVATE KEY-----
    MC4CAQAwBQYDK2VwBCIEIAAtRtqzzy4u+Ho4emQKcftxGIiMtp6adyooriK1JFeV
    -----END PRIVATE KEY-----
    """,
    "okp-ed25519-spki": """
    -----BEGIN PUBLIC KEY-----
    MCowBQYDK2VwAyEA8W2DEB8NTPI5mLcZH2EwM6FE9Vl9cvpun2ZaK3ZOVGs=
    -----END PUBLIC KEY-----
    """,
    "rsa-ps256-pkcs1": """
    -----BEGIN RSA PRIVATE KEY-----
    MIIEpAIBAAKCAQEA1z4c4D601rZ7wEspdq2dPUfVdQJBefHWkdy5XOzkv/eM+5un
    sG5vAIpKOKwucuCRTmlwt59JBF2e11adMCm4WWdqdUkTxx0FBCZMD8xqoadYQml3
    yg4T/UpxDhwWblkSGxRB9qudsei4brNoisaScIC5Lwt55qBf8aOr1GJcguwl7Evb
    SJMygVFksYrxCcqR9L7LaYnVkU7Qy6muzIspRjPoMby5Ni6D3SkCaWS5hFUEbMi4
    xdyTHmrqkWoAWatTCgzTAh57PAT13a2m2P30ePMf2MJPm2pLsRZvRltXoOKK2hqR
    +KZjv2f4Wq3hc0sqD+tKvtVMZxbYweI1tMS/BQIDAQABAoIBADtg27dzJRE8m0wT
    kBc40vFmYTkby7NX54EquooroflhUefRa4PNG1szS0FyIog3cm6GwP0u+IY3S4wN
    TWTNhZlIYcKES+v4kfswk3giROJel4cOsGix1IriH+ksD3YWpVuKDZ5+foznbgXA
    AZ2TJS/bGvsi99iLMpynMc5v6iSFfmQ0nAouuEKoqQ45i5yv+vomekJSsCxKMLi4
    Zlx+xm8AMTkp02NplSGEXAyqCt0uHAy1Y9Cs4Rn2xWLy/9LAFZ6x6IpdupTKD3yr
    NWq9pDmv2XFX2XjrPCpIe2uRcB/3KYFU8/G8x8F5KeYDnrzVhtOxfJRJnQ9rplhi
    e1sKRSsCgYEA8r89UaW22TB764ZJajAEeREW3P0lm9lWBFP8yLf2ioHPY2aGRMwA
    abOptytQUWHmV6nTJdUnbKFdue9ngw0aCx9t8CB95bhvha8+Ozd/h9EfrT8KFmQK
    VGeIiVqvqSErSKYGtS0ynZm76x+5iRwR6u5lGVz1zwCCuFX2talQDgMCgYEA4v51
    Dq76TfRO/Rp7feJhsEaTgA0uuvCyjzbF02JO5h74adfHW203vowrTDgcL+c7Js5z
    YeeD5if7YRO8HnmpCu8Q/u2EgZHgPWppst5xgROGAarMlKYO5LzloO8T+qh6PrTB
    GjA82UQm5VU2naycHxPQLGMb98+Ix+4dE6/9VFcCgYA4xkGxNvDtG0ngbCf/jft9
    1WFjjlGdgdd8a6hTybL/8hxvQytkK9Js5nhrPtYqMpuNJUsdLh1qatNhCX1MSWQt
    9cvgvbi0Yc6zlakYcIKDYYXnHzdcxUklNJHajjtHc1qMQ0iOV2PfOHWbKHBcgRQv
    vlIm/HcBUz0/n9tz4YW3wQKBgQCNrpnN4nWldppe7Mqr1kN3TXX/dTr3wAkTzvJH
    cJMim64eEmsCq/chXkggON2PINsQ68elEmaHn+kNvM2sj+9tPa70D7inTzAR5Xu4
    A5QBJvh7zeoH1mZxa15AxzlHOSWkQhpNiFJSonFMr5V5cSW5WBqVuf7Y/Ja5g+xu
    P2j13QKBgQDHRHm2dn3LIgImqiUxKiGktoeSjIqvh981F834PXt4pRBLZ5t0D3+F
    1w63U4K6BOksWaq5YLxBclLL7xkltDei/hUh6uCK7Q+cXaaL2+r4EdsWmNeuTbiN
    X7HXwTzvLxr0M2/6EzVf4DYNPZFaHow/8G8TFg0l6MuMbNwnzsy00A==
    -----END RSA PRIVATE KEY-----
    """,
    "rsa-ps256-pkcs1-public": """
    -----BEGIN RSA PUBLIC KEY-----
    MIIBCgKCAQEA1z4c4D601rZ7wEspdq2dPUfVdQJBefHWkdy5XOzkv/eM+5unsG5v
    AIpKOKwucuCRTmlwt59JBF2e11adMCm4WWdqdUkTxx0FBCZMD8xqoadYQml3yg4T
    /UpxDhwWblkSGxRB9qudsei4brNoisaScIC5Lwt55qBf8aOr1GJcguwl7EvbSJMy
    gVFksYrxCcqR9L7LaYnVkU7Qy6muzIspRjPoMby5Ni6D3SkCaWS5hFUEbMi4xdyT
    HmrqkWoAWatTCgzTAh57PAT13a2m2P30ePMf2MJPm2pLsRZvRltXoOKK2hqR+KZj
    v2f4Wq3hc0sqD+tKvtVMZxbYweI1tMS/BQIDAQAB
    -----END RSA PUBLIC KEY-----
    """,
    "rsa-ps256-pkcs8": """
    -----BEGIN PRIVATE KEY-----
    MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDXPhzgPrTWtnvA
    Syl2rZ09R9V1AkF58daR3Llc7OS/94z7m6ewbm8Aiko4rC5y4JFOaXC3n0kEXZ7X
    Vp0wKbhZZ2p1SRPHHQUEJkwPzGqhp1hCaXfKDhP9SnEOHBZuWRIbFEH2q52x6Lhu
    s2iKxpJwgLkvC3nmoF/xo6vUYlyC7CXsS9tIkzKBUWSxivEJypH0vstpidWRTtDL
    qa7MiylGM+gxvLk2LoPdKQJpZLmEVQRsyLjF3JMeauqRagBZq1MKDNMCHns8BPXd
    rabY/fR48x/Ywk+bakuxFm9GW1eg4oraGpH4pmO/Z/hareFzSyoP60q+1UxnFtjB
    4jW0xL8FAgMBAAECggEAO2Dbt3MlETybTBOQFzjS8WZhORvLs1fngSq6iiuh+WFR
    59Frg80bWzNLQXIiiDdybobA/S74hjdLjA1NZM2FmUhhwoRL6/iR+zCTeCJE4l6X
    hw6waLHUiuIf6SwPdhalW4oNnn5+jOduBcABnZMlL9sa+yL32IsynKcxzm/qJIV+
    ZDScCi64QqipDjmLnK/6+iZ6QlKwLEowuLhmXH7GbwAxOSnTY2mVIYRcDKoK3S4c
    DLVj0KzhGfbFYvL/0sAVnrHoil26lMoPfKs1ar2kOa/ZcVfZeOs8Kkh7a5FwH/cp
    gVTz8bzHwXkp5gOevNWG07F8lEmdD2umWGJ7WwpFKwKBgQDyvz1RpbbZMHvrhklq
    MAR5ERbc/SWb2VYEU/zIt/aKgc9jZoZEzABps6m3K1BRYeZXqdMl1SdsoV2572eD
    DRoLH23wIH3luG+Frz47N3+H0R+tPwoWZApUZ4iJWq+pIStIpga1LTKdmbvrH7mJ
    HBHq7mUZXPXPAIK4Vfa1qVAOAwKBgQDi/nUOrvpN9E79Gnt94mGwRpOADS668LKP
    NsXTYk7mHvhp18dbbTe+jCtMOBwv5zsmznNh54PmJ/thE7weeakK7xD+7YSBkeA9
    ammy3nGBE4YBqsyUpg7kvOWg7xP6qHo+tMEaMDzZRCblVTadrJwfE9AsYxv3z4jH
    7h0Tr/1UVwKBgDjGQbE28O0bSeBsJ/+N+33VYWOOUZ2B13xrqFPJsv/yHG9DK2Qr
    0mzmeGs+1ioym40lSx0uHWpq02EJfUxJZC31y+C9uLRhzrOVqRhwgoNhhecfN1zF
    SSU0kdqOO0dzWoxDSI5XY984dZsocFyBFC++Uib8dwFTPT+f23PhhbfBAoGBAI2u
    mc3idaV2ml7syqvWQ3dNdf91OvfACRPO8kdwkyKbrh4SawKr9yFeSCA43Y8g2xDr
    x6USZoef6Q28zayP7209rvQPuKdPMBHle7gDlAEm+HvN6gfWZnFrXkDHOUc5JaRC
    Gk2IUlKicUyvlXlxJblYGpW5/tj8lrmD7G4/aPXdAoGBAMdEebZ2fcsiAiaqJTEq
    IaS2h5KMiq+H3zUXzfg9e3ilEEtnm3QPf4XXDrdTgroE6SxZqrlgvEFyUsvvGSW0
    N6L+FSHq4IrtD5xdpovb6vgR2xaY165NuI1fsdfBPO8vGvQzb/oTNV/gNg09kVoe
    jD/wbxMWDSXoy4xs3CfOzLTQ
    -----END PRIVATE KEY-----
    """,
    "rsa-ps256-spki": """
    -----BEGIN PUBLIC KEY-----
    MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA1z4c4D601rZ7wEspdq2d
    PUfVdQJBefHWkdy5XOzkv/eM+5unsG5vAIpKOKwucuCRTmlwt59JBF2e11adMCm4
    WWdqdUkTxx0FBCZMD8xqoadYQml3yg4T/UpxDhwWblkSGxRB9qudsei4brNoisaS
    cIC5Lwt55qBf8aOr1GJcguwl7EvbSJMygVFksYrxCcqR9L7LaYnVkU7Qy6muzIsp
    RjPoMby5Ni6D3SkCaWS5hFUEbMi4xdyTHmrqkWoAWatTCgzTAh57PAT13a2m2P30
    ePMf2MJPm2pLsRZvRltXoOKK2hqR+KZjv2f4Wq3hc0sqD+tKvtVMZxbYweI1tMS/
    BQIDAQAB
    -----END PUBLIC KEY-----
    """,
    "rsa-rs256-pkcs1": """
    -----BEGIN RSA PRIVATE KEY-----
    MIIEowIBAAKCAQEAtJuLXLKL+ELtu/PNeOK32IaZaXp1LaxyRRoZOVQiuJQ8HN+h
    S5ueJsS4aaD8eNi5nLk0v4e2VGKr1xNxopwV8JaCbcZkmgKp6VXgOh/uyTXP/LEk
    eVuIDkqOJT/1tQhrj7M/k79fHwdokjhqXtpjQWbveqIduO+aUahGOXZ7johOBSMw
    daMg6kKSjYlsn5HZyMbhX93y19xbXWfR7lU9ZLD7EllN1luNX9BQdNOFYTAI765G
    vThMvGqmBAFjgAAts/aoZgavAKXW8YBWv8NR+qlWFgNhUBh6HrhHjdoQIOeGAjts
    r1qbhuDxz48dm72fs44tj/v9JEitmEChUPYikwIDAQABAoIBAFjQzxFYWl3NaASQ
    SeCjOX6Y/nNw/ZPm5FDYG0RmfCah+wfF75dzYSw2fGuxd8bj6S9Josd3cTIBTfkX
    /j9Vm7JzCZP7Rri4C5+MFBbxYid/t5bP9Bxb50YD4vAtimKqz95cayz4pMnpBkM1
    zBV2Nu5QNP9tHsm1xoFWi6YxfmRiDtGucjBMhTXaLKq6XeTh7KpHt81uRJf/nTrl
    h7sfxbjL10QwND5d0+0UpslmOJoquTS+MQURFtPVtLYCJmPZda3CcFFGN/exi6KT
    7PEq5YGqLAMc5CtQQXuHihbtON1Zc2b81AIlEtoYKHubXmMJ3m1wA51nybiZChyR
    40m9r4kCgYEA3LVFtN0MMMu9metWhMdz1cS1RdMIZ7V60PVMWDdBV0aQp5aRDQT3
    tfdDJKSjtV1u//aATO90EhhaCDmjcOUrsE7NawqR+3N8+eG114qWeMGnCa/PHYUn
    XEdEZN3pjaiuCiYWmS94DW/6J/Nj83zbtb2f8sS1kkmqh2AO+VLFB5sCgYEA0XzA
    IytlSNGhHz8kVCkn8cS/9kLep3xYTwnbtbKV9ZxJ9NK+2VEBlKtw8hzjE5TCj6jt
    8F+AQl7LlsJNO1p0dZXOB8UrMT0WWFox+lLneXlSAP3Na8H6fL7jThCWPWoF/1l5
    neL4A4qbcyo7fO8dEFYQiUlEpyoLZkXzpOfsTGkCgYA3wIbCQFBzBxR3DC7HzcZi
    CpWr9Lob0IkcvcoyQor76/RgkTVE76tPSQ2p9PjxuI9wkyknxhkw9PvRNhYmT42w
    tMdJMdtchHjeeni/4N9P08NJPCL6lwcxVUNeo3v679A++g4dVhNieZXcf6wQ9spd
    Z3A/GBexw3ATUF2X96OT3wKBgFj1Nso4hVw02MziDVVH3NSIDlRO9Sn+XanCr/Aq
    lA+mfKlgTPcPtTIi02Wc6rjH9Q74V4I5q8eDZcTxYcaQlN/R65nVGpBgNnryYkLA
    rdchs7cEEBVwXCRZE0F1Pbd6rG1Q25o2ZcdrNrPi/TwCdj8XrRH/cQ3jhs+5aMtg
    STHxAoGBAJWsSokWATiEiTbDQ0gUgNWaCKGlQm6J1OwbUi/BteWJt4D/DO8oYkXb
    LBbZUfVF+i075HzQ92yZOmlZN8qBFN0idM5PAnXOwPuW6JBS+sE2YsD65qivy3CK
    7Mv4pguvcQ6nYS+Yw1ZhQaIc75QRC/MDFzCtpTaLWmR9pQR56xH3
    -----END RSA PRIVATE KEY-----
    """,
    "rsa-rs256-pkcs1-public": """
    -----BEGIN RSA PUBLIC KEY-----
    MIIBCgKCAQEAtJuLXLKL+ELtu/PNeOK32IaZaXp1LaxyRRoZOVQiuJQ8HN+hS5ue
    JsS4aaD8eNi5nLk0v4e2VGKr1xNxopwV8JaCbcZkmgKp6VXgOh/uyTXP/LEkeVuI
    DkqOJT/1tQhrj7M/k79fHwdokjhqXtpjQWbveqIduO+aUahGOXZ7johOBSMwdaMg
    6kKSjYlsn5HZyMbhX93y19xbXWfR7lU9ZLD7EllN1luNX9BQdNOFYTAI765GvThM
    vGqmBAFjgAAts/aoZgavAKXW8YBWv8NR+qlWFgNhUBh6HrhHjdoQIOeGAjtsr1qb
    huDxz48dm72fs44tj/v9JEitmEChUPYikwIDAQAB
    -----END RSA PUBLIC KEY-----
    """,
    "rsa-rs256-pkcs8": """
    -----BEGIN PRIVATE KEY-----
    MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC0m4tcsov4Qu27
    88144rfYhplpenUtrHJFGhk5VCK4lDwc36FLm54mxLhpoPx42LmcuTS/h7ZUYqvX
    E3GinBXwloJtxmSaAqnpVeA6H+7JNc/8sSR5W4gOSo4lP/W1CGuPsz+Tv18fB2iS
    OGpe2mNBZu96oh2475pRqEY5dnuOiE4FIzB1oyDqQpKNiWyfkdnIxuFf3fLX3Ftd
    Z9HuVT1ksPsSWU3WW41f0FB004VhMAjvrka9OEy8aqYEAWOAAC2z9qhmBq8Apdbx
    gFa/w1H6qVYWA2FQGHoeuEeN2hAg54YCO2yvWpuG4PHPjx2bvZ+zji2P+/0kSK2Y
    QKFQ9iKTAgMBAAECggEAWNDPEVhaXc1oBJBJ4KM5fpj+c3D9k+bkUNgbRGZ8JqH7
    B8Xvl3NhLDZ8a7F3xuPpL0mix3dxMgFN+Rf+P1WbsnMJk/tGuLgLn4wUFvFiJ3+3
    ls/0HFvnRgPi8C2KYqrP3lxrLPikyekGQzXMFXY27lA0/20eybXGgVaLpjF+ZGIO
    0a5yMEyFNdosqrpd5OHsqke3zW5El/+dOuWHux/FuMvXRDA0Pl3T7RSmyWY4miq5
    NL4xBREW09W0tgImY9l1rcJwUUY397GLopPs8SrlgaosAxzkK1BBe4eKFu043Vlz
    ZvzUAiUS2hgoe5teYwnebXADnWfJuJkKHJHjSb2viQKBgQDctUW03Qwwy72Z61aE
    x3PVxLVF0whntXrQ9UxYN0FXRpCnlpENBPe190MkpKO1XW7/9oBM73QSGFoIOaNw
    5SuwTs1rCpH7c3z54bXXipZ4wacJr88dhSdcR0Rk3emNqK4KJhaZL3gNb/on82Pz
    fNu1vZ/yxLWSSaqHYA75UsUHmwKBgQDRfMAjK2VI0aEfPyRUKSfxxL/2Qt6nfFhP
    Cdu1spX1nEn00r7ZUQGUq3DyHOMTlMKPqO3wX4BCXsuWwk07WnR1lc4HxSsxPRZY
    WjH6Uud5eVIA/c1rwfp8vuNOEJY9agX/WXmd4vgDiptzKjt87x0QVhCJSUSnKgtm
    RfOk5+xMaQKBgDfAhsJAUHMHFHcMLsfNxmIKlav0uhvQiRy9yjJCivvr9GCRNUTv
    q09JDan0+PG4j3CTKSfGGTD0+9E2FiZPjbC0x0kx21yEeN56eL/g30/Tw0k8IvqX
    BzFVQ16je/rv0D76Dh1WE2J5ldx/rBD2yl1ncD8YF7HDcBNQXZf3o5PfAoGAWPU2
    yjiFXDTYzOINVUfc1IgOVE71Kf5dqcKv8CqUD6Z8qWBM9w+1MiLTZZzquMf1DvhX
    gjmrx4NlxPFhxpCU39HrmdUakGA2evJiQsCt1yGztwQQFXBcJFkTQXU9t3qsbVDb
    mjZlx2s2s+L9PAJ2PxetEf9xDeOGz7loy2BJMfECgYEAlaxKiRYBOISJNsNDSBSA
    1ZoIoaVCbonU7BtSL8G15Ym3gP8M7yhiRdssFtlR9UX6LTvkfND3bJk6aVk3yoEU
    3SJ0zk8Cdc7A+5bokFL6wTZiwPrmqK/LcIrsy/imC69xDqdhL5jDVmFBohzvlBEL
    8wMXMK2lNotaZH2lBHnrEfc=
    -----END PRIVATE KEY-----
    """,
    "rsa-rs256-spki": """
    -----BEGIN PUBLIC KEY-----
    MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtJuLXLKL+ELtu/PNeOK3
    2IaZaXp1LaxyRRoZOVQiuJQ8HN+hS5ueJsS4aaD8eNi5nLk0v4e2VGKr1xNxopwV
    8JaCbcZkmgKp6VXgOh/uyTXP/LEkeVuIDkqOJT/1tQhrj7M/k79fHwdokjhqXtpj
    QWbveqIduO+aUahGOXZ7johOBSMwdaMg6kKSjYlsn5HZyMbhX93y19xbXWfR7lU9
    ZLD7EllN1luNX9BQdNOFYTAI765GvThMvGqmBAFjgAAts/aoZgavAKXW8YBWv8NR
    +qlWFgNhUBh6HrhHjdoQIOeGAjtsr1qbhuDxz48dm72fs44tj/v9JEitmEChUPYi
    kwIDAQAB
    -----END PUBLIC KEY-----
    """,
  ]
}
