// random model file (seed 0, #16), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_16 {
	Layer L0 {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 4, K: 96, C: 16, R: 5, S: 5, Y: 12, X: 8 }
	}
	Layer L1 {
		Type: NGCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 4, G: 4, K: 64, C: 64, R: 5, S: 5, Y: 23, X: 13 }
	}
	Layer L2 {
		Type: NGCONV
		Stride { X: 1, Y: 1 }
		Dimensions { G: 4, K: 96, C: 4, R: 1, S: 1, Y: 3, X: 26 }
	}
}
