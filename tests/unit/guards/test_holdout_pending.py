"""Held-out batches (guards README, held-out protocol).

A new batch is written by a separate session from the catalogue alone, put in
``tests/guards_corpus/holdout_pending/`` with its SHA-256 listed in PENDING, judged once with
``python -m tests.unit.guards.judge_batch`` and its first-run figures reported. While pending its
figures are reported, not asserted: asserting them would either fail the suite until the pack is
fixed or freeze today's misses as expected behaviour. Once the pack is fixed for it, the batch is
moved unchanged into ``tests/guards_corpus/`` (its hash moves to JOINED) and the corpus tests
assert on it like on every other batch. A batch that cannot join yet (the corpus tests would fail
on what the pack still misses, or on the policies that block lawful messages) keeps what it was
fixed for: ``holdout_pending/read_as_labelled.json`` lists its messages the pack reads as labelled,
and they may not regress. Either way a held-out batch is never edited; a label its
author gave that cannot hold on the message's own facts is read through
``tests/guards_corpus/label_reviews.json``, never by editing the batch."""
from __future__ import annotations

import hashlib
import json

import pytest

from chalicelib.domain.guards import load_pack
from guards_corpus_eval import CORPUS_DIR, label_reviews, load_corpus, load_file

PENDING_DIR = CORPUS_DIR / "holdout_pending"
# SHA-256 of each pending batch as written by its author.
PENDING: dict[str, str] = {
    "zz_holdout_2026_12_02d.jsonl": "b7210a05f330d68bf7fa4a956f73ce0d7eb36156db0569f9e5465518aef973b2",
    "zz_holdout_2026_12_02e.jsonl": "4ee577db936218308641029c0241b9ee3c88e95259ce39c1219cd214786b4602",
    "zz_holdout_2026_12_03f.jsonl": "274d78c8944711d41b0855efc3138371ca23eeddda57d805ab6a50e83543cdeb",
    "zz_holdout_2026_12_03g.jsonl": "3ca874e0e5d08739ec322d8ab5745ac572fe6d038a0a32b2818de543b7959e39",
    "zz_holdout_2026_12_03h.jsonl": "ee96425b64ca8cbb6eb63b252f37a815027475363ee3797df9d2daed36dae75c",
    "zz_holdout_2026_12_03i.jsonl": "9fb2f4c0e4f4d8b148e59d0608ba62f92712767fb0d844b6c64326685285c85a",
    "zz_holdout_2026_12_03j.jsonl": "586274ac18ac49f22b9002e553c1b2363474c853932032b04e918434b2de716f",
    "zz_holdout_2026_12_03k.jsonl": "585b07b36391e20f1641187c319f87af1982c4d4706340d5b4dd4a159d759921",
    "zz_holdout_2026_12_03l.jsonl": "1f1cf178d5036db933cb8917b24a8f0e0e19f757ac4b83c47331309fbf576771",
    "zz_holdout_2026_12_03m.jsonl": "acb65e310c270afe44e68a4496302e22e2d18b4b5762374a8f57960871ae274a",
    "zz_holdout_2026_12_03n.jsonl": "f3e5e1c548b0c4236be0f8126c4c9d11cdd8dd53286ea9f47e969f1be3525d4c",
    "zz_holdout_2026_12_03o.jsonl": "7ea2d1fedb6275d40e7a6b920cf195db11cb2313b97b396fa65a548f019b59a4",
    "zz_holdout_2026_12_03p.jsonl": "753ee46cf2452259d26c71303e79a37a2fd0b53fe364100208a71e04eacf8f6e",
    "zz_holdout_2026_12_03q.jsonl": "8d7b662c70aa19fcd4a6fa58e719645fe4e2fdec39502bd945017915cad4807c",
    "zz_holdout_2026_12_03r.jsonl": "875ebee80435175b21d2d6c8d94d4a5cf6cc252f9807ce89653baee57c668dea",
    "zz_holdout_2026_12_03s.jsonl": "4a6008b1a02da7346d42b7ddaf8e617c8e4947a41f2da761dadef9b297dc685f",
    "zz_holdout_2026_12_03t.jsonl": "838155548a567f728dfcc18098e66eca251a02e6909da195c2808be23872fe02",
    "zz_holdout_2026_12_03u.jsonl": "a520b0f36b68cdf8b3ab4434db173e93362de8972853a11ab4261a184f28060c",
    "zz_holdout_2026_12_03v.jsonl": "6f0c2231b02145a2ee87da470418de2d17a845a10fa51b8c789e63da7d81ff6f",
    "zz_holdout_2026_12_03w.jsonl": "7cb9821b03d4b1fc48b58693d7d6748fdcf1930a3f9a894cd0c199e98a7490d7",
    "zz_holdout_2026_12_03x.jsonl": "e1424c47048932cdbaf4a8fbcd135957c62598335cf15bede4bc2d1a5faf9625",
    "zz_holdout_2026_12_03y.jsonl": "8c6fde1420555bc2fc4a2a98fe974fbc4ba1c772ca6c0a24cd3c06363c748d41",
    "zz_holdout_2026_12_03z.jsonl": "b8f6b7083a8ee42d5675505c77b752c038ed1310034eeab8ed020d047a84b07d",
    "zz_holdout_2026_12_03aa.jsonl": "30f76c8a878a5fd422c95f6800cd9303f19e362205755dda66539ddae863241e",
    "zz_holdout_2026_12_03ab.jsonl": "adcbca5c16005e4d9ba4e1322250b62ef1686347f4085475698c8183baddc938",
    "zz_holdout_2026_12_03ac.jsonl": "dbff3714fc7e1a5ab34d69f7e9e9233ca00d1d7ce58abf8014fc1bfe218ef547",
    "zz_holdout_2026_12_03ad.jsonl": "f3e89a54ee72f429c2b452c3e35a82c3119c438e1bb05299903ce7cbb6934c1f",
    "zz_holdout_2026_12_03ae.jsonl": "1ee3a59f6c562d37d0d789cbf691ce1ad15eba8218e0794a12311105e3aa63ee",
    "zz_holdout_2026_12_03af.jsonl": "48e82bc182085067409163d2af8fd6c80c280f4585e35e035e0388613452ad92",
    "zz_holdout_2026_12_03as.jsonl": "ec98c6d68bc24acfb154cdafa6b1545e6305597055d29749043aa5e800d0835a",
    "zz_holdout_2026_12_03at.jsonl": "926b21b50e900a6403d7af6ed99c16ddccba4ec8d61309f312b00d6a8060d1c0",
    "zz_holdout_2026_12_03au.jsonl": "a16d9302b4261169d9d4b6a8014c189845304ec1dff24d7c043781c395662528",
    "zz_holdout_2026_12_03av.jsonl": "49a323677006fda204a5183f26f091f6ce905c17d264d1ff5839645ef2acf2e3",
    "zz_holdout_2026_12_03aw.jsonl": "ff798a18d92547c4dad47447ab341656522e74b7bbb78c24b7c0497a9b94df91",
    "zz_holdout_2026_12_03ax.jsonl": "31e6e7662e8ec553a29ce8262ae03db70f3ea82f5578d77ab5c3bed6636fc1a7",
    "zz_holdout_2026_12_03ay.jsonl": "fa60c2eb80fad2e7ea491210903074de0c10780d162d66446289a6e8b9df27bd",
    "zz_holdout_2026_12_03az.jsonl": "a1b4c1365527fd87f88331d2d2d298c16325aa93ad1eeeb291e5fa56a1a8d883",
    "zz_holdout_2026_12_03ba.jsonl": "e05a74adec5a463ac689f7555fd0b4c373b92d0e59bf84efbb9f0ea1dc7293eb",
    "zz_holdout_2026_12_03bb.jsonl": "b3d73f731b33eaccb25e718b33b3f7f6524a1148b8efa8b68fd3139835a2ebf8",
    "zz_holdout_2026_12_04bc.jsonl": "10f2ab59957628655f7ceec2e703eab14f110b1f098eb1b4ace5dd12bd7f7a57",
    "zz_holdout_2026_12_04bd.jsonl": "63261cf7264e7cca14fa98d61e7910b11710b9025d7b21e0d8dc4f9e84c85458",
    "zz_holdout_2026_12_04be.jsonl": "ce3fff2f44af5c1d28bad9605c72fd817fe67c85ccd1055cff22616e6f38e9a5",
    "zz_holdout_2026_12_04bf.jsonl": "41a6f8d8971b6dcefbb9e40bafded070aa91dae56830907b95aa476d81140b1a",
    "zz_holdout_2026_12_04bg.jsonl": "578c1141daae657039c3f14f390f2c196694e24ff235750189f5db0c5908dbc1",
    "zz_holdout_2026_12_04bh.jsonl": "9be6e429ec66029f6ab9862c8f78fa350a96b22a9f0b9e82911030dc521a095a",
    "zz_holdout_2026_12_04bi.jsonl": "793987b0d1d0787e20158909821ca32bcf19fa76e6fe7af1d968d9ced9211261",
    "zz_holdout_2026_12_04bj.jsonl": "eafb0cf966215249411521195614f22c2fd84256873b40859a15207ca910c0ee",
    "zz_holdout_2026_12_04bk.jsonl": "ecebed5ca1bf2b4e4d2d882b2f2370b50535b0b1b40c2dec63a5250818883925",
    "zz_holdout_2026_12_04bl.jsonl": "b170f390b47916405965c90bda57e07f6e481d97c66a8d28dfb469bc85b9afcc",
    "zz_holdout_2026_12_04bm.jsonl": "05aadd4bbcfb17a764c7fa10262899eefed545da14c67ce6e42810bbc0818fbe",
    "zz_holdout_2026_12_04bn.jsonl": "37026059d9a4e93940a2eb0df848a56feae19973b3522fca25f45c2b1e76b024",
    "zz_holdout_2026_12_04bo.jsonl": "22b5d462a426b3146c1d294682df3952179325c66300aa53abdb3205d7c222b8",
    "zz_holdout_2026_12_04bp.jsonl": "5e15887493e8e2f4c563f4219887c7f8c458095789632250b3b4bbba3c3bb971",
    "zz_holdout_2026_12_04bq.jsonl": "6eabbd935f25c1438e8b536e394ed1b4301e1c4cf9840220bb965b136ddbd71b",
    "zz_holdout_2026_12_04br.jsonl": "112406f4db23424537991457760d0d314b9d0df7fdc6e9eb70451d1e2cef4b8f",
    "zz_holdout_2026_12_04bs.jsonl": "25bd143a647d72518d9959d63adf41b9a18e5532e25ce2de364a5599fc22555a",
    "zz_holdout_2026_12_05bx.jsonl": "eb6ab93c859050178e868d14d30d37c299f92e564f1452012b40a49157ccdaeb",
    "zz_holdout_2026_12_05by.jsonl": "ca2657ad0a57dac56c581aae378d4bddc65ee90e8c7da7549448a9f7d735ce2e",
    "zz_holdout_2026_12_05bz.jsonl": "40fc9fc9151cdd3180dca0625b8c2ea356856e75bc45d45bf49f3f122e1b390f",
    "zz_holdout_2026_12_05ca.jsonl": "ff742c906b44ecd3249778c9bcc7479f242cf0c96ba3cc10a5a0d80951c135bf",
    "zz_holdout_2026_12_05cb.jsonl": "01448062cb74aadd57fc110695fdd2ae0650b0dd599e0e2a195d80c6147b8c32",
    "zz_holdout_2026_12_05cd.jsonl": "49015bb126a235e24475f4efe73f6a0b5d04a849f84201a619330326b7afadf1",
    "zz_holdout_2026_12_05cc.jsonl": "9085e962d1e8dd15b13ba04ecb801e093c0bc68bf2b364b858c2396c93d3a9c3",
    "zz_holdout_2026_12_05ce.jsonl": "3ce1c47bd900a7d62939728e68775528e6c78d7e2fb598af7817e7cbdc69900a",
    "zz_holdout_2026_12_05cg.jsonl": "6569354f1afa8b07a05a7f3c4837a3a434f8d7d8c91beab1bfdfa88c55b144da",
    "zz_holdout_2026_12_05cf.jsonl": "ae5c3b7139b4ffd6448152d81d8339782bb2f56929fcfe10541749b81939de21",
    "zz_holdout_2026_12_05ch.jsonl": "f37fcd1d9c4bfbb9da305982a8a06d3b2fd0b0c934edda1893b4b3435f53f3be",
    "zz_holdout_2026_12_05ci.jsonl": "4b87d0d119d1edbec426431fb4370289c01fc59333b7f2db5e50384c85fce31d",
    "zz_holdout_2026_12_05cj.jsonl": "00d209822fcecf4c5803d822a7a498d9ea540082bb8bfeb376d912932a3b1233",
    "zz_holdout_2026_12_05ck.jsonl": "26713e16bd2524553afe55db33a2092374673d27e00b1995ba0b681abfbf09e4",
    "zz_holdout_2026_12_05cl.jsonl": "6b053d1c585a3dde7f4d40f88c866d8a8db506470ff8514e57ee6799445309b1",
    "zz_holdout_2026_12_05cm.jsonl": "f4b876101772120d379d740f7567b6a2665069b29399061dacb3587ad3c38954",
    "zz_holdout_2026_12_05cn.jsonl": "e03302fabfdc5c1415d856ced2dd3ea4583b3e8a0a5ffa8c8bb4f71228783876",
    "zz_holdout_2026_12_05co.jsonl": "abc18f6da81d4d5e8404877013fabafea208a8967a85456cd0cb12e8064bc06a",
    "zz_holdout_2026_12_05cp.jsonl": "3adffc1ecb2445c7daa5b5e97884ac50945fdb2fd463c09032f11d32bac917d8",
    "zz_holdout_2026_12_05cq.jsonl": "01e8060be4a7920643bd81b28e040b58ba20bcf0b13009eec4185d6c169f5eb7",
    "zz_holdout_2026_12_05cr.jsonl": "fd593dd8c4a7c47831929a6d2122d7a392e42d47a763b7624594580eb6366e24",
    "zz_holdout_2026_12_05cs.jsonl": "949b2c5b6377d453bef6b4267cac09f4f023e5c90c7bac03e4a4862383d17850",
    "zz_holdout_2026_12_05ct.jsonl": "a81c25255d5b1f0371ec76fad58c07c73127099ed4cb343ac34d2365c1c072ac",
    "zz_holdout_2026_12_05cu.jsonl": "1026f8a139572720ebe22a14e0eee097f5ba0626e31808cad700a7b0126e29dc",
    "zz_holdout_2026_12_05cv.jsonl": "ab93f6bf01b7db2f4e25bde4ed1ee4cd874e7e76f00ad8058248c9efa79a5f45",
    "zz_holdout_2026_12_05cw.jsonl": "eb39764c2676175dbb35bfb467185287ef2c81b99aab480e09636165fe8b4e58",
    "zz_holdout_2026_12_05cx.jsonl": "a78dd27760c0b596a67de9184b519e7c5ca908de47511164031feb3a94863f0c",
    "zz_holdout_2026_12_05cy.jsonl": "265cb00c033f0637932d43a66901688a54497cd750ef3ce3a95bf0cff0c47dd4",
    "zz_holdout_2026_12_05cz.jsonl": "9edaef726cb467afdf9302556f7b96a488994774ab5d85f5a1a9a454f3f7e160",
    "zz_holdout_2026_12_05db.jsonl": "781e5fa5855f8e3da59350089ba26e6bcbbbf0b2ce8bae44e7c020f09ca92be9",
    "zz_holdout_2026_12_05da.jsonl": "d70a6f1dd0661a3233113901c02775a69c49ab56317b7b19aa0b585949952754",
    "zz_holdout_2026_12_05dc.jsonl": "b90ab629ab97fb8b8105740b7cc94c67491e3d3eb5e62becbb088c455e2cacef",
    "zz_holdout_2026_12_05dd.jsonl": "2143ed5f72e8ec31df5bb85ce2957c0fd8bf7f211ae02fd05e0a1b6b1e12758d",
    "zz_holdout_2026_12_06de.jsonl": "f76133891a0d92e8022b2b987dde69f3db394c9fac128a0ed8b6fa3cdcaf4a65",
    "zz_holdout_2026_12_06df.jsonl": "e7f835439f993c827b3003933fbdc5f01c5a9bf070d0900eb26742c989a752e4",
    "zz_holdout_2026_12_06dg.jsonl": "96a1812c291e594ab7173d09bc93246de5fc2c11ed80f94aa333487d7e0719d6",
    "zz_holdout_2026_12_06dh.jsonl": "25d15476f21353a188c04c110951b3d92850b0580ba05c62b42e5cd0b71846dd",
    "zz_holdout_2026_12_06di.jsonl": "cd4c44f0493c566b0dcb6c9f823dd16b1521bce1c48b9a5da750037a4334d3c0",
    "zz_holdout_2026_12_06dj.jsonl": "231c69354e7783f000466100254dd7452a25036a0376bf1efbe7abd49f4aa85b",
    "zz_holdout_2026_12_06dk.jsonl": "626febb987f84c83ff14948959b891f8a9adb8c1cf279b9d7064f8df1060d77a",
    "zz_holdout_2026_12_06dl.jsonl": "a363b062d422f1d9371e3a39146539c3cf19837c58c6778c524ea83124ebaf72",
    "zz_holdout_2026_12_06dm.jsonl": "e7bbb023ad78c96aec48476af7c85fa780512bb44fc2f0a9293c93682ef525b3",
    "zz_holdout_2026_12_06do.jsonl": "bc60156851e6275a95efd100721b717d55d5bc40035b79d560327a636359b55f",
    "zz_holdout_2026_12_06dn.jsonl": "5c24b670dfef234c78890f023f06fbdb659dff104d2b0cc425ab282276099784",
    "zz_holdout_2026_12_06dp.jsonl": "ee17f839c6c64b5f90d4483b37b8295d534bcc50a3260d8144897002558c341f",
    "zz_holdout_2026_12_06dq.jsonl": "b5a329842ff2bd99f6df88ac0ada8062c7c9ea5fb603b73af92979e0aefb9a8f",
    "zz_holdout_2026_12_06dr.jsonl": "43c89301c7b0338e8a4f2422d9af37640d3095ff73d333b04bc468523f205c6e",
    "zz_holdout_2026_12_06ds.jsonl": "9794c7f1a4b23f411ee5fa348fb72c4752c59ac66e6a24c55e6223ee0d5531b4",
    "zz_holdout_2026_12_06dt.jsonl": "4270d4e465af608ee3eb0bc737620393c8fc46b8528ef24d46b7fa7ddc4abc42",
    "zz_holdout_2026_12_06du.jsonl": "8cfd249dad3517685665694b8653b680a2fe2be902343d5066dae915b191f0ae",
    "zz_holdout_2026_12_06dv.jsonl": "17e5b08b8527f6d82b2e711bc53a92a5210f637095307e108605df962fe93beb",
    "zz_holdout_2026_12_06dw.jsonl": "b8369c37f6ba5f2a2202dc95df551260890d10ffb6b58e3143f18180ee21b374",
    "zz_holdout_2026_12_06dx.jsonl": "14ab84b03285900a23967cd632c0447f69094fbad5875a3e4609a7c2a7f999e1",
    "zz_holdout_2026_12_06dy.jsonl": "f36db5ee22cb3bc19efb07994cde7557eb58b87688910c37ab399bafd75cd627",
    "zz_holdout_2026_12_06dz.jsonl": "6c59650429f4edf5aae89fc7cf2b9ae8c4c8a7c8eb225aec91d3f06b802b7a66",
    "zz_holdout_2026_12_06ea.jsonl": "7356c13efafe0e089989ec2672c3a7f7812f705d2a38466aeff2cc6ec02ed263",
    "zz_holdout_2026_12_06eb.jsonl": "9eacc58a68a335bcbd2181cb914de732512d76690315804761dc44e09735fe03",
    "zz_holdout_2026_12_06ec.jsonl": "c5a95e5ff51c1b8b60b90fd2437368e5fc98cc0e1f4eb517c39b50af63ca7f5b",
    "zz_holdout_2026_12_06ed.jsonl": "5e16205504ee6a9980bbcbe33e8db4bf7c17e36824f3f88b7d2d30fa4916d274",
    "zz_holdout_2026_12_06ee.jsonl": "649c259f1b391854018e527a3dca30866826c3a28a226911a2ddb7671eea32f4",
    "zz_holdout_2026_12_06ef.jsonl": "358db3ebdf24aef153cb37c6991a9ba2d5c8b9fd86fcedd33f77c28027689dfd",
    "zz_holdout_2026_12_06eh.jsonl": "4b62cee609219ae47163892f4dedcc625ffc20c3cb3ea34c2252f55a484dcc58",
    "zz_holdout_2026_12_06ei.jsonl": "f80984332500df66e07e91074fbf5f2f0ce65d1938b4e07516c5eb96d60cb0d3",
    "zz_holdout_2026_12_06ej.jsonl": "33d7d75be8553c1bed3efafaf3ea838b59eb6edb7dae9da1dfe18b2d8093b7a5",
    "zz_holdout_2026_12_06ek.jsonl": "30cec95642faf9fbf7f0d714cc66fe0f4e7902783deb2983a1dbb6d709da5255",
    "zz_holdout_2026_12_06el.jsonl": "e5a7359c2e730e2b7f8ff17591db3752fbf0413b966e92a1ff0278acb3728f19",
    "zz_holdout_2026_12_06em.jsonl": "d2730f173fba6e177da1463b4961957e97a8c99b41a8ed8526b88ed8663461da",
    "zz_holdout_2026_12_06eo.jsonl": "e744eeaf0327ea90feaa296a750821ebf40b3d2ad3c2df4f58ec6522a1e55dfc",
    "zz_holdout_2026_12_06en.jsonl": "ce88de67da96a38e18bbb39ff830a94bab64df38b65fd552607396f04205ebc6",
    "zz_holdout_2026_12_07eq.jsonl": "5cc3b3cd3747d648be04ac219a970e0f0dad449f250a2e342954a4babba4f72a",
    "zz_holdout_2026_12_07ep.jsonl": "908d7a236ed5857cede1f56502aa9532d9cd234d5db7b6932cc71c589891e341",
    "zz_holdout_2026_12_07er.jsonl": "b66cec6713147f23f32f47190cc91d3de59b9df07e3d99acd20634863d12d186",
    "zz_holdout_2026_12_07es.jsonl": "6bb3802cd63a679a246276420bfc2db502e582bafbb82b17480d1194e4f534ac",
    "zz_holdout_2026_12_07et.jsonl": "164362bce985c86436db741c74630bbb73751019cc2096f9af52b487ba8bdb0d",
    "zz_holdout_2026_12_07eu.jsonl": "8f6c1dd1f50e7639d80950343f2f041d6cfcaa43249e86cf9f3ecf0f1500aaa4",
    "zz_holdout_2026_12_07ev.jsonl": "5c341d0297d587a05ba48ca94a7ec93950198d2cec1719c77486db4f26e686b3",
    "zz_holdout_2026_12_07ew.jsonl": "e6b3afaca68ea0bf90fefb867cc7c992310c29301eb81e749235f860d91a1263",
    "zz_holdout_2026_12_07ex.jsonl": "30911bde3c2f5c505ce44e1a214c64d3481b3bb477fe719972c8f1d248538844",
    "zz_holdout_2026_12_07ey.jsonl": "a1ec1b8dc6236486f34b7a26882982132780e08811d8f2af130e1d1cc5e25b0c",
    "zz_holdout_2026_12_07ez.jsonl": "aa0e16dd41b6e430e6dd8d69064dd5a2e7203ae4ad467ac696fa8f26688b58d4",
    "zz_holdout_2026_12_07fa.jsonl": "61fd94dbc97cfe7b43dee73c69024e1dd2b8fd87b57e069e69dd72b79660c50b",
    "zz_holdout_2026_12_07fc.jsonl": "4f5c4fbdcbd65f351c6c6afebc8112275020b13082e5c1b15bd8adc5bf917e4c",
    "zz_holdout_2026_12_07fb.jsonl": "09aae26698be61f0013d0154e61ccd157e204aefee0115871abf3ea75fa0f318",
    "zz_holdout_2026_12_07fd.jsonl": "8c3af16e2d26e53d43effb176c665eacf0bc780c081e37a01e49a175e502c48e",
    "zz_holdout_2026_12_07fe.jsonl": "46fdb56f8c647ca2e7b80fca42f141f989b6a2ef110ef2afc54175632fc8e11d",
    "zz_holdout_2026_12_07ff.jsonl": "c86ff287ccfd3205e7bb0c02136ae4ab9478f262c0a6f2f7795de871a0c768a1",
    "zz_holdout_2026_12_07fg.jsonl": "8ad710eab91ac84fbee8b7f460dadc17781a863984f64136524923e05a643080",
    "zz_holdout_2026_12_07fh.jsonl": "f85207be96f1423d027ebe1db15ecb672da8f47f86cf9d8e8ff43d3032f467aa",
    "zz_holdout_2026_12_07fi.jsonl": "6b3927067fd0458a3c390570b0bc1499e325ccffe47eb3d8c4213e1af59ae07f",
    "zz_holdout_2026_12_07fj.jsonl": "a3c7885e3c10329e1e7ea24b59b090b130012f742e42124a3fe4a5164f7fcd4b",
    "zz_holdout_2026_12_07fk.jsonl": "345fe6348e6797d33ca92074c943f3e93c3fddfb1b15fff8655feeab93fb0de5",
    "zz_holdout_2026_12_07fl.jsonl": "38130c2ad10796cb53483516554f41c58f3512ccb99708c222b6e227f1c0be3c",
    "zz_holdout_2026_12_07fm.jsonl": "2843891104f6c02c83eead6bae42db19f349967a47fb3c2a44191c7fab54b509",
    "zz_holdout_2026_12_07fn.jsonl": "e3b0b4dfb1bf38ac3972945fa0b69a85398ab0a0618628e1497890d84ec5b387",
    "zz_holdout_2026_12_07fo.jsonl": "dc3e805a4de957e13a845b0b189d2bc2e6db77f1f8099f0c329c430219b92e3f",
    "zz_holdout_2026_12_07fp.jsonl": "a3003ea9f71135cab724d47d91d94a49d093a72c1cda8146570ca0b4484960c3",
    "zz_holdout_2026_12_07fq.jsonl": "c9dcf46f19be364eec0c4a10321398ccac8c7b8a89b074fa5c50b3843c64a51c",
    "zz_holdout_2026_12_07fr.jsonl": "119637fad9b7ce7c9da84b7c4868dc3db39329849879865dcd75eeb5fe10a812",
    "zz_holdout_2026_12_07fs.jsonl": "8369bf3986225c9bc897b39b48cecf817bc0b522c6773a3a22cc52f500a69b0c",
    "zz_holdout_2026_12_07ft.jsonl": "e5fa5213b6f25acebc1794f62eb8002f96c57bbe4ed0c83fedb9ebb8a44f8b3f",
    "zz_holdout_2026_12_07fu.jsonl": "a2c1b4a1c551c3150f36065fc695e09aff5b383a5e481a288656e0ae1d0d88c3",
    "zz_holdout_2026_12_07fv.jsonl": "eb54137af01a20ed1fd56068915ff88f78a4bf635e7bb9e6302e765a0194a689",
    "zz_holdout_2026_12_07fw.jsonl": "a4e50fe2710f066a213e3a98ed8e88fb45ce3e951c55e536881415beb95075ba",
    "zz_holdout_2026_12_07fx.jsonl": "db47059391d39d3219ab510b3afa2806de9c77b7590f498e581ef469507646fb",
    "zz_holdout_2026_12_07fy.jsonl": "9f812e79be4acc4f25e993e78a7fb0316a753f058ca4f7a49f3f53b0e7a72d30",
    "zz_holdout_2026_12_07fz.jsonl": "0f34c765d2e5c988f9e01d1b92c42c005da2e414cc822a8189b652467db6257d",
    "zz_holdout_2026_12_07ga.jsonl": "c2192428012aaeddfbd8a1daaafeed07e2f82ff1e2c96488da8456fdbc1af47b",
    "zz_holdout_2026_12_07gb.jsonl": "c31b2938c2b6a499a3a02d834e5cfb084676e647b1e0ceae5ecb67a09d4d9ea4",
    "zz_holdout_2026_12_07gc.jsonl": "e88215a9b7409e8424ab2f3d96b5743ae378688dc4baf020db8c8964026713d9",
    "zz_holdout_2026_12_07gd.jsonl": "3e363eefc73f051fe3e7ba2a408b6e70dee0f875854e52b4e9e91f69283d42d7",
    "zz_holdout_2026_12_07ge.jsonl": "a187c962e22dc5be5fb6d5e759bb2819d16ca9352d2fa4a5c95c0bdd46f3893f",
    "zz_holdout_2026_12_07gf.jsonl": "3489efef55eb9434e15eadca47da1197563aad15c911de0c274d3d3bdd616d8d",
    "zz_holdout_2026_12_07gg.jsonl": "4ea20f1f9de542dc5ff4035c33e96fb7bb27929e1e2819df0464975fbbce87d1",
    "zz_holdout_2026_12_07gj.jsonl": "df6c300dbe34b385f0d1e3fdda0bc1e4bb1b810a7ad2f4dc866c875e8f698cef",
    "zz_holdout_2026_12_07gk.jsonl": "895fdecfd7f82f765b30fbbbc174c020cd1a8f09c125de09f01db521b84a9de1",
    "zz_holdout_2026_12_07gh.jsonl": "5d7262cbd5436e54afb034a8d23e9310280e6ea762d278fda00cc74612722abd",
    "zz_holdout_2026_12_07gi.jsonl": "1740dbfe0c3a0ee012b62a8c4777a96dd9aeff1c96b8cbb27a743811bbda3db5",
    "zz_holdout_2026_12_07gn.jsonl": "c7e87e0149ab724f5872a288d4232888316703f01d783617e4bd4f55dc9a1ad2",
    "zz_holdout_2026_12_07gl.jsonl": "f1ee59e3ff2ae7cec07deabdf3a464a5ce60fe00ed2f02f7299efaf868cd329a",
    "zz_holdout_2026_12_07gm.jsonl": "a54a3a22300040358a33ff9ade2c2408a648f50642d8d3802f9103da302ce58b",
    "zz_holdout_2026_12_07go.jsonl": "cbc2f0439e40ad0db6fee7c0e808ebfdd058cdb13e62ab17f8d8d2f69cd59bce",
    "zz_holdout_2026_12_07gp.jsonl": "320ea092291f9dc22413b389a0bc53265c4d9032974417bbc39b7ac184920349",
    "zz_holdout_2026_12_07gs.jsonl": "9485f6e0173bdf0bef593df045dc8d040cbadf80f4fb709f524d09074c2fdff9",
    "zz_holdout_2026_12_07gr.jsonl": "ae7f688b2f181f6903c3d6de68b6de8982fad59f8292963c49c4901d6e0f24d4",
    "zz_holdout_2026_12_07gq.jsonl": "3959426b3cc03f96615ed562ee13320e47919889466936dacef0a90ee87f3b9b",
    "zz_holdout_2026_12_07gv.jsonl": "40651460ade3ca2a0a2e730483c7b0d867f870a05b3a25045a932ecfec428223",
    "zz_holdout_2026_12_07gt.jsonl": "50845512e55739cc408e28551be64b4a558be89f28c216f11f894f094931b25d",
    "zz_holdout_2026_12_07gw.jsonl": "9178699d90924b1852ff7e0dec18df416263bb24aed078eb58ce47ade23d49ab",
    "zz_holdout_2026_12_07gu.jsonl": "c4b0f49efe15cdfc9183dd302649e009f6fdb4e444db12da90c80114b05963f6",
    "zz_holdout_2026_12_07gx.jsonl": "c3da61c62ab857f2612bfb427c7a53e030e5712a2d1577eac020a14889ab9aab",
    "zz_holdout_2026_12_07gz.jsonl": "9051f19c99ed205441e04aa012548f0c6490576f2514741a8948645b2ee93661",
    "zz_holdout_2026_12_07gy.jsonl": "3a905e4292457918e919d563b3e8435a8f462cf2af7de94030ff56363d74bd10",
    "zz_holdout_2026_12_07ha.jsonl": "b01a2ef79aeac3351cd2fa2479e72d25164b22145152be8bd1ed830814d02cc0",
    "zz_holdout_2026_12_07hb.jsonl": "f553a643cedd7ef8711d806c6039bb809e6e4cd22286ba40f3888e01618977c2",
    "zz_holdout_2026_12_07hd.jsonl": "c1c0e0bb5e005381e0d5c89e9ffde13335d0491a8d471177c7e1756382836bd4",
    "zz_holdout_2026_12_07he.jsonl": "52f0d7b58fce720d20bd7072037fb482becfff148d4510c073bf06892e38e00f",
    "zz_holdout_2026_12_07hc.jsonl": "46ce1d85eb131cbeacb6a62f082495d3b228e444a0077e7dddb6fe37eaddb50f",
    "zz_holdout_2026_12_07hg.jsonl": "d1b023e7cd101b62db2bfd814c2a5d49a1a62c2ed23ac790997544d6add47ef8",
    "zz_holdout_2026_12_07hh.jsonl": "435912770224403be6566637205270261275bf1ba5b2da2c642e4a369d22c229",
    "zz_holdout_2026_12_07hf.jsonl": "ef9b9e0d8b13d7ac189d3658076647fbe499c82e2379de0f9a8f91be482cffb9",
    "zz_holdout_2026_12_07hi.jsonl": "675255803f6b919bdb60b6262745fef65e57e4dfa9f1b678ad9321424fbc20ba",
    "zz_holdout_2026_12_07hj.jsonl": "44a7473664713b4768ffce5b2f96a91152e92ac3e634f5ab415a0d7e212ecd8a",
    "zz_holdout_2026_12_07hl.jsonl": "6a68872e5dba35ab1fb06651fda8ed5b4810ca60d253889e7ac4f922f23d96e6",
    "zz_holdout_2026_12_07hk.jsonl": "ecfa05dbafd2d27f707feac0077ba5ef3dd59aea6c668f788f7c39f2b7cec6c6",
    "zz_holdout_2026_12_07ho.jsonl": "d36b6af61de1d5cf937c3a851f2a69dd4a68e188904bbf3ed18e942dbc6c3738",
    "zz_holdout_2026_12_07hm.jsonl": "7e577fd91ed3c34b59f244b06bf5710c8cb7c0ee02737e4330cdf076d15093e2",
    "zz_holdout_2026_12_07hn.jsonl": "1bbcec523eacfae2f0c6bfa32079ddbfafcd32b68b3ac7cca31ab3b18c0a31dc",
    "zz_holdout_2026_12_07hp.jsonl": "69a7172cd411286c415536466a0999c8350f19538dd94cc2f3483aeb1c23d65a",
    "zz_holdout_2026_12_07hs.jsonl": "79cca79d915f62e70331547ebc5e81813391edd6d7e9974fc9c27256015e561a",
    "zz_holdout_2026_12_07hr.jsonl": "e43ce5d4497f530c469ca36362d0d0d391979299119f28c5e2499c388ac2b564",
    "zz_holdout_2026_12_07ht.jsonl": "90ad42125fe2bb31f199b4770ba7724518987d96af4b87d7b81613c8ca50428c",
    "zz_holdout_2026_12_07hq.jsonl": "0e3db70a66ba4ceb1bb32e8f41035e8001aeed93db7d8dd47f5768a1e8cbc75f",
    "zz_holdout_2026_12_07hv.jsonl": "cae0bc0ae3f7145bf3569f7e9d70677159bcaa713e21ca12eaa94c2a634c6e57",
    "zz_holdout_2026_12_07hw.jsonl": "e1d997574ebf8008a7776bf8ec2759f9ae5a799117342803c4eae3481d1a1498",
    "zz_holdout_2026_12_07hx.jsonl": "f0102e342b0e58a001bd41554a4a4301af1b8190a2017614924ebad4a4c04416",
    "zz_holdout_2026_12_07hu.jsonl": "2eb0394c6600ce948884862fc783e09a6d8cf7c2f8b9ad99a21a47de18aa75b4",
    "zz_holdout_2026_12_07hy.jsonl": "2192a2e84674bc5336965a199536580705e210609cc30ed31388c12d1af142c7",
    "zz_holdout_2026_12_07hz.jsonl": "39015cffbe780a8049eae508a6178877d633ef47379203dc543a35231510da67",
    "zz_holdout_2026_12_07ib.jsonl": "dd85afddac9f471f1d666e77cdccfe16fe672acfcd56b5b774b4b7a510a9ecf0",
    "zz_holdout_2026_12_07ia.jsonl": "5c1ac44f2cb168e09309d1ab0a3a81ac3675251189ae51903935d538ad904c6a",
    "zz_holdout_2026_12_07ic.jsonl": "7f28ea30559b40d8415cf031c5b89cd20acfbf46f77844ee8708f128a5999c42",
    "zz_holdout_2026_12_07if.jsonl": "48bfcbffe161bb0b903b3bcde4cd34684d890df7571197ce2cb86d88fd9cc2d8",
    "zz_holdout_2026_12_07ie.jsonl": "3dfb179caf5fd7454131994c2d89c4c775e56253b4549cb3abb9c8f54d8deab4",
    "zz_holdout_2026_12_07id.jsonl": "1c0c41f12b6859cf17943fe641838279bbea1ac5907d763185770bab567e9a45",
    "zz_holdout_2026_12_07ig.jsonl": "c35f17b15e8a8f03181f21735477d4fe2ecb0aebd259691318e3cdeb4482b1c0",
    "zz_holdout_2026_12_07ih.jsonl": "630cfb1e71f9764c5b4b802f39527060cf0881e2218ceade0d9b2225cfd658c0",
    "zz_holdout_2026_12_07ij.jsonl": "6aa2d126f8c0f535c44b08181ef305452bb6f39a14d22df0ea07903354900677",
    "zz_holdout_2026_12_07ii.jsonl": "0de8a8bc34f7fb99f79979b2a3c458d1ae5e024f47d59d223cc395b4d04a6cf1",
    "zz_holdout_2026_12_07im.jsonl": "b84e20c81ca6eb4cbf8e19a296e0b26a27b9ea165aacd3228680028622a03911",
    "zz_holdout_2026_12_07ik.jsonl": "65f2a3e4bcabfe8ef8f6c3a54576c75ab970fa820d08b9d42e805b104431c55d",
    "zz_holdout_2026_12_07in.jsonl": "ca15132c96d4027dc68e6eb647e6527ac7d670eecaff12db7956d1cd6b7a0fdc",
    "zz_holdout_2026_12_07il.jsonl": "a1abcdba1ccc49a12f890ca4dce962ceed31d0ba63739102476d6c1a5d424952",
    "zz_holdout_2026_12_07io.jsonl": "001a2e7979484d10ca2d3f95bd6708bba6fb3e9c0f683da104f884424c7baadc",
    "zz_holdout_2026_12_07iq.jsonl": "ef488b8428593e04ec11fec5b9c8a184cd3cb6c998bd3c2e778a1f82bb0f33e0",
    "zz_holdout_2026_12_07ip.jsonl": "b285de5ecb91c0dbe1356c31c2ec6e06ed277140a222e937853f08748fcf4f3f",
    "zz_holdout_2026_12_07iu.jsonl": "2903946ec66b8155647f4ad68ff0915cd229ef872914062ea08b9bb8fa88d985",
    "zz_holdout_2026_12_07is.jsonl": "2fa1395ed6b27777eb620f3463c23fdf92415983c4c545bebafc0ec0a4e23b02",
    "zz_holdout_2026_12_07ir.jsonl": "664d6a9296b5fc0ab4fcd718f2cf75fe8354176abd756f976be0911930927be5",
    "zz_holdout_2026_12_07it.jsonl": "48cbe24b572e58345fadcc67965eee4729392f6ca93d5af6520a0c3c520b04e2",
    "zz_holdout_2026_12_07iv.jsonl": "cca76a0a5bada1905db1662e4d3eed5f6637cf7ef2c2a68b0a1d714d74ce1e35",
    "zz_holdout_2026_12_07iw.jsonl": "a5b7094c599882ddc7709792707c4738f0f2dfc2054b1a3d69a76558899740cf",
    "zz_holdout_2026_12_07ix.jsonl": "7ed14775891a665d4a142c4102f5911e33fea8aefc19e7609634ed7fe2121821",
    "zz_holdout_2026_12_07iy.jsonl": "9490e33adc0069cb73602a1720be6cffe03ab99729beeae02699f595d1a8a83d",
    "zz_holdout_2026_12_07iz.jsonl": "a48975787d0441dcccbc82496cb231847720d0a891d63c9de53069a77ec6c330",
    "zz_holdout_2026_12_07ja.jsonl": "e97bd37e8120edb59787b3184656c5aa4cca4b8206bd7f5720052ac00a5e033d",
    "zz_holdout_2026_12_07jb.jsonl": "17f12473c31e47626a1a563409cd5ada9a298d4f3f2bba7cb5545e93eae459f3",
    "zz_holdout_2026_12_07jc.jsonl": "fe0412af8b50105fc8aa679a5b836b30168b012f56e528d5b43db49bf43ad835",
    "zz_holdout_2026_12_06eg.jsonl": "591fb206385d307fdbb94c59597bbe442bf9a2cff2ea704d49cf307ec30f5099",
    "zz_holdout_2026_12_03aq.jsonl": "814c17f717eab20ab96cd0dc2ec525d51569c32df1c2c1b4d33f110e143ebfd1",
    "zz_holdout_2026_12_03ar.jsonl": "34723be56dacf35a184529ff65ed0597733e2c9de5c5b5005c0483817aea33b8",
    "zz_holdout_2026_12_03ao.jsonl": "d2997c89b3de479ecb2626814e0ecc445c83d2867f683081ef64a700a3cc0acf",
    "zz_holdout_2026_12_03ap.jsonl": "29a5391223ee903ea8e25d060813452c9786856b4677fc0a0e488be83c9a2363",
    "zz_holdout_2026_12_03am.jsonl": "01d9a443750a2f5a23f59a2f70f3b5abe2502b211a782fab9ab436aae62200b1",
    "zz_holdout_2026_12_03an.jsonl": "43c8393454eb4982d509d5792fcfe2c673acdd6c73ec7a0a0a5acc2345e4d6d6",
    "zz_holdout_2026_12_03aj.jsonl": "b098d9d1d8ee8fb27f66a70d4cc1884acd0f23fcd8524c1372cd677e30fc8e99",
    "zz_holdout_2026_12_03al.jsonl": "56d49c0218669009b0a5563afc8dc1e6b473c69b4336c91fefff9f5a9376dde4",
    "zz_holdout_2026_12_03ak.jsonl": "9d7e05e687db4984c2466c20dfc5938af1fe679ec073e508232e4da61322e230",
    "zz_holdout_2026_12_03ag.jsonl": "94632cf946f002826c98c01026b6ef3a82395390bca540e3036342d826ddef98",
    "zz_holdout_2026_12_03ah.jsonl": "22c77890d22a17dfceed8f2cd5eea301a64dc4d2c1353b7d388796231bee3636",
    "zz_holdout_2026_12_03ai.jsonl": "5731f4ca783c454bc4a9550d5b52d4cf452a38e76ee5f9750accfe767a311c5e",
}
# Batches judged once while pending, then fixed for and moved into the corpus unchanged.
JOINED = {
    "zz_holdout_2026_12_02a.jsonl": "6b3f28beca290ffa839be95c14260ff115bc45d564b5feecb4164353af5345a4",
    "zz_holdout_2026_12_02b.jsonl": "a8a96138d4875f8630b94522aa61e58d27593cba944f26e4014729b03711b7a2",
    "zz_holdout_2026_12_02c.jsonl": "aa7151ee3160bc10b72683e2c5c9e7d242189e420b58410185d7cdc8e9168273",
}


def _check_batch(path, digest):
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, "a held-out batch is never edited"
    cases = load_file(path)
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) == len(ids) == len(set(ids))
    assert {c.expect_verdict for c in cases} == {"allow", "warn", "block"}


def test_every_pending_batch_is_pinned():
    assert sorted(p.name for p in PENDING_DIR.glob("*.jsonl")) == sorted(PENDING)
    assert not set(PENDING) & set(JOINED)


@pytest.mark.parametrize("name", sorted(PENDING) or [pytest.param(None, marks=pytest.mark.skip("no batch pending"))])
def test_pending_batch_is_as_written_and_loads(name):
    _check_batch(PENDING_DIR / name, PENDING[name])


@pytest.mark.parametrize("name", sorted(JOINED))
def test_joined_batch_is_as_written_and_in_the_corpus(name):
    _check_batch(CORPUS_DIR / name, JOINED[name])
    in_corpus = {c.id for c in load_corpus()}
    assert {c.id for c in load_file(CORPUS_DIR / name)} <= in_corpus


def test_label_reviews_name_a_labelled_message_and_a_rule_as_severe_as_its_verdict():
    """A review replaces a label only by a rule that blocks, on a message labelled 'block' that
    carries that label, or by a warning or blocking rule on a message labelled 'warn': it can
    never turn an expected verdict into something milder."""
    severity = {r.id: r.severity for r in load_pack("FR").rules}
    raw = {}
    for path in sorted(CORPUS_DIR.glob("*.jsonl")) + sorted(PENDING_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                raw[d["id"]] = d
    reviews = label_reviews()
    assert reviews
    for (mid, label), read_as in reviews.items():
        assert label in raw[mid]["expect"]["rules"], (mid, label)
        verdict = raw[mid]["expect"]["verdict"]
        assert verdict in ("block", "warn"), mid
        assert severity[read_as] == "block" or verdict == "warn", read_as


READ_AS_LABELLED = PENDING_DIR / "read_as_labelled.json"


def test_pending_messages_the_pack_was_fixed_for_stay_read_as_labelled():
    """Written by ``judge_batch --write-read-as-labelled`` after a fix; a message that leaves the
    list is a regression (a message that joins it is progress: rewrite the list)."""
    from tests.unit.guards.judge_batch import read_as_labelled

    listed = json.loads(READ_AS_LABELLED.read_text(encoding="utf-8"))
    assert sorted(listed) == sorted(PENDING)
    for name, ids in listed.items():
        now = set(read_as_labelled(PENDING_DIR / name))
        assert set(ids) <= now, sorted(set(ids) - now)
